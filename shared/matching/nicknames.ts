import { NICKNAME_CSV } from './nickname-dataset.generated';

/**
 * Given-name variants from a maintained dataset: carltonnorthern/nicknames (Apache-2.0, vendored in
 * resources/nicknames/ and turned into nickname-dataset.generated.ts by scripts/build-nicknames.mjs).
 * Each line is read as pairs, name <-> each of its nicknames, both ways; never as a group, so two
 * nicknames of one name are not variants of each other. A match on them is evidence, never proof.
 */
const SUPPLEMENT: Record<string, string[]> = {
  // Forms the US dataset lacks that districts' rosters show: modern short forms, international
  // names, and compound names written as one key (accents, hyphens and spaces are gone by then).
  robert: ['robbie', 'bert'],
  william: ['liam'],
  katherine: ['katie', 'kat', 'catherine', 'kathryn'],
  margaret: ['greta'],
  michael: ['mikey'],
  jennifer: ['jen', 'jenn'],
  christopher: ['topher'],
  christine: ['christina'],
  benjamin: ['benny', 'benji'],
  jacqueline: ['jacqui'],
  alexander: ['xander', 'sasha'],
  alexandra: ['lexi', 'sasha'],
  jose: ['pepe'],
  nicholas: ['nicky'],
  patricia: ['trish'],
  susan: ['suzy'],
  victoria: ['tori'],
  steven: ['stephen'],
  deborah: ['debra'],
  isaac: ['zac'],
  hannah: ['hanna'],
  sofia: ['sophia', 'sophie'],
  zoe: ['zoey'],
  priya: ['pri'],
  mohammed: ['mohammad', 'muhammad', 'mo'],
  dmitri: ['dima'],
  marykate: ['mk'],
  annemarie: ['anne', 'annie'],
  jeanluc: ['jl'],
  // Spanish and Portuguese short forms the US dataset lacks.
  alejandro: ['alex', 'ale'],
  alejandra: ['ale', 'alex'],
  santiago: ['santi'],
  mariajose: ['majo'],
  mariafernanda: ['mafe'],
  guadalupe: ['lupe'],
  francisco: ['paco', 'pancho', 'chico'],
  ignacio: ['nacho'],
  fernando: ['nando'],
  concepcion: ['concha', 'conchita'],
  dolores: ['lola'],
  eduardo: ['edu', 'lalo'],
  joao: ['joaozinho'],
  antonio: ['toninho', 'tonho'],
  // West African (Yoruba, Igbo) short forms.
  oluwaseun: ['seun'],
  oluwatobi: ['tobi'],
  oluwadamilola: ['dami', 'lola'],
  oluwafemi: ['femi'],
  babatunde: ['tunde'],
  adebayo: ['bayo'],
  chukwuemeka: ['emeka'],
  ifeoluwa: ['ife'],
  olumide: ['mide'],
};

const VARIANTS = new Map<string, Set<string>>();
const pair = (a: string, b: string) => {
  if (!a || !b || a === b) return;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const set = VARIANTS.get(x) ?? new Set([x]);
    set.add(y);
    VARIANTS.set(x, set);
  }
};
for (const line of NICKNAME_CSV.split('\n')) {
  const [name = '', ...nicknames] = line.trim().toLowerCase().split(',');
  for (const nickname of nicknames) pair(name, nickname);
}
for (const [name, nicknames] of Object.entries(SUPPLEMENT))
  for (const nickname of nicknames) pair(name, nickname);

/** The name itself and its known variants. */
export function givenVariants(given: string): Set<string> {
  return VARIANTS.get(given) ?? new Set([given]);
}

export function isNickname(a: string, b: string): boolean {
  return a !== b && (VARIANTS.get(a)?.has(b) ?? false);
}
