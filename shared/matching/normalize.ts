/** Names repeat across a district's rows: each distinct one is split once (bounded, cleared when full). */
const tokensOf = new Map<string, readonly string[]>();
const TOKEN_CACHE = 100_000;

/** "  José  O'Brien-Smith " -> "jose obriensmith"-style tokens: lower case, no accents, no apostrophes. */
export function nameTokens(value: string | null | undefined): readonly string[] {
  if (!value) return [];
  const known = tokensOf.get(value);
  if (known) return known;
  const tokens = value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/['’`´.]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (tokensOf.size >= TOKEN_CACHE) tokensOf.clear();
  tokensOf.set(value, tokens);
  return tokens;
}

/** The whole name as one key: "Mary-Kate" -> "marykate", "O'Brien" -> "obrien". */
export function nameKey(value: string | null | undefined): string {
  return nameTokens(value).join('');
}

/** Trimmed and lower-cased: how two emails are compared. */
export function normalizeEmail(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** A usable address: one @, something on both sides, a dot in the domain, no spaces inside. */
export function isValidEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

export function splitEmail(value: string): { local: string; domain: string } {
  const email = normalizeEmail(value);
  const at = email.lastIndexOf('@');
  return at < 0
    ? { local: email, domain: '' }
    : { local: email.slice(0, at), domain: email.slice(at + 1) };
}

/** The local part without separators and digits: "jane.doe2" -> "janedoe". */
export function localKey(local: string): string {
  return local.replace(/[^a-z]/g, '');
}
