import crypto from 'node:crypto';

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Replaces every email and every given name, family name and "given family" of the people named in
 * a text with stable pseudonyms (keyed per bundle, so they cannot be reversed by hashing a guess).
 */
export function pseudonymiser(
  people: { email: string | null; givenName: string; familyName: string }[],
) {
  const key = crypto.randomBytes(32);
  const tag = (value: string) =>
    crypto.createHmac('sha256', key).update(value.toLowerCase()).digest('hex').slice(0, 10);
  const replacements = new Map<string, string>();
  for (const p of people) {
    if (p.email) replacements.set(p.email.trim(), `user-${tag(p.email.trim())}@pseudonym.invalid`);
    const full = `${p.givenName} ${p.familyName}`.trim();
    if (full) replacements.set(full, `Person ${tag(full)}`);
    for (const part of [p.givenName, p.familyName])
      if (part.length > 2) replacements.set(part, `Name-${tag(part)}`);
  }
  const ordered = [...replacements.entries()].sort((a, b) => b[0].length - a[0].length);
  return (text: string): string => {
    let out = text;
    for (const [from, to] of ordered) out = out.split(from).join(to);
    return out.replace(EMAIL, (m) =>
      m.endsWith('@pseudonym.invalid') ? m : `user-${tag(m)}@pseudonym.invalid`,
    );
  };
}
