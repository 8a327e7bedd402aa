/** Common English given-name variants, both ways. Not exhaustive: a match on them is evidence, never proof. */
const GROUPS: string[][] = [
  ['robert', 'bob', 'rob', 'bobby', 'robbie', 'bert'],
  ['william', 'bill', 'will', 'billy', 'liam', 'willie'],
  ['elizabeth', 'liz', 'beth', 'betsy', 'eliza', 'lizzie', 'betty', 'libby'],
  ['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'kathryn', 'cathy'],
  ['margaret', 'maggie', 'meg', 'peggy', 'marge', 'greta'],
  ['michael', 'mike', 'mikey', 'mick'],
  ['jennifer', 'jen', 'jenny', 'jenn'],
  ['christopher', 'chris', 'kit', 'topher'],
  ['christine', 'chris', 'christina', 'tina', 'chrissy'],
  ['anthony', 'tony'],
  ['thomas', 'tom', 'tommy'],
  ['daniel', 'dan', 'danny'],
  ['benjamin', 'ben', 'benny', 'benji'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammy'],
  ['alexander', 'alex', 'al', 'xander', 'sasha'],
  ['alexandra', 'alex', 'lexi', 'sandra', 'sasha'],
  ['joseph', 'joe', 'joey'],
  ['jose', 'pepe'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['richard', 'rick', 'rich', 'dick', 'ricky'],
  ['edward', 'ed', 'ted', 'eddie', 'ned'],
  ['matthew', 'matt'],
  ['nicholas', 'nick', 'nicky'],
  ['patricia', 'pat', 'patty', 'trish', 'tricia'],
  ['susan', 'sue', 'susie', 'suzy'],
  ['rebecca', 'becky', 'becca'],
  ['victoria', 'vicky', 'tori'],
  ['andrew', 'andy', 'drew'],
  ['steven', 'steve', 'stephen'],
  ['david', 'dave', 'davey'],
  ['deborah', 'deb', 'debbie', 'debra'],
  ['isaac', 'ike', 'zac'],
  ['gabriel', 'gabe'],
  ['oliver', 'ollie'],
  ['hannah', 'hanna'],
  ['sofia', 'sophia', 'sophie'],
  ['lucia', 'lucy'],
  ['zoe', 'zoey'],
  ['priya', 'pri'],
  ['mohammed', 'mohammad', 'muhammad', 'mo'],
  ['dmitri', 'dima'],
  ['seth'],
  ['marykate', 'mk'],
  ['annemarie', 'anne', 'annie'],
  ['jeanluc', 'jl'],
];

const VARIANTS = new Map<string, Set<string>>();
for (const group of GROUPS) {
  for (const name of group) {
    const set = VARIANTS.get(name) ?? new Set<string>();
    group.forEach((n) => set.add(n));
    VARIANTS.set(name, set);
  }
}

/** The name itself and its known variants. */
export function givenVariants(given: string): Set<string> {
  return VARIANTS.get(given) ?? new Set([given]);
}

export function isNickname(a: string, b: string): boolean {
  return a !== b && (VARIANTS.get(a)?.has(b) ?? false);
}
