import crypto from 'node:crypto';

// An address not already pseudonymised (those have `]` before the @).
const EMAIL = /(?<![\]A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Replaces every email's local part and every given name, family name and "given family" of the
 * people named in a text with stable pseudonyms (keyed per export, so they cannot be reversed by
 * hashing a guess). Email domains stay: `old-springfield.org` against `springfield.org` is the clue
 * support needs. A pseudonymised address reads `[user-3fa2b1c9d0]@springfield.org`; the brackets
 * keep it from ever containing a real address or being pseudonymised twice.
 */
export function pseudonymiser(
  people: { email: string | null; givenName: string; familyName: string }[],
) {
  const key = crypto.randomBytes(32);
  const tag = (value: string) =>
    crypto.createHmac('sha256', key).update(value.toLowerCase()).digest('hex').slice(0, 10);
  const hideEmail = (email: string) => {
    const at = email.lastIndexOf('@');
    return `[user-${tag(email)}]@${at < 0 ? 'no-domain' : email.slice(at + 1)}`;
  };
  const replacements = new Map<string, string>();
  for (const p of people) {
    if (p.email) replacements.set(p.email.trim(), hideEmail(p.email.trim()));
    const full = `${p.givenName} ${p.familyName}`.trim();
    if (full) replacements.set(full, `Person ${tag(full)}`);
    for (const part of [p.givenName, p.familyName])
      if (part.length > 2) replacements.set(part, `Name-${tag(part)}`);
  }
  const ordered = [...replacements.entries()].sort((a, b) => b[0].length - a[0].length);
  return (text: string): string => {
    let out = text;
    for (const [from, to] of ordered) out = out.split(from).join(to);
    return out.replace(EMAIL, (m) => hideEmail(m));
  };
}
