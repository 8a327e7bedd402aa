/**
 * An email typed, pasted or imported by an admin, before it is staged or sent: control, format
 * (zero-width, direction override) and line/paragraph separator characters are refused (they make
 * `test\u202E@evil.com` look like another address), and what is kept is NFC, so "é" typed two ways
 * is one address.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Trimmed and NFC-normalised. */
export function cleanEmailInput(raw: string): string {
  return raw.trim().normalize('NFC');
}

/** The first hidden character, as "U+202E at position 5", or null. */
export function hiddenCharacter(value: string): string | null {
  const match = HIDDEN.exec(value);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${match.index + 1}`;
}

/** Why this (cleaned) email cannot be used, in words; null when it can. */
export function emailInputProblem(email: string): string | null {
  const hidden = hiddenCharacter(email);
  if (hidden)
    return `"${JSON.stringify(email).slice(1, -1)}" contains an invisible or control character (${hidden}); type the address again`;
  if (email.length > 254) return `"${email.slice(0, 40)}…" is longer than 254 characters`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return `"${email}" is not an email address`;
  return null;
}

const SCRIPT_OF: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];

/**
 * A warning for an address whose letters mix scripts that look alike ("аbcd@…" with a Cyrillic
 * "а" among Latin letters), naming the odd characters; null when every letter of each part is of
 * one script. Not a refusal: a real Cyrillic address is fine, a mix is almost always a look-alike.
 */
export function mixedScriptWarning(email: string): string | null {
  for (const part of email.split('@')) {
    const scripts = new Map<string, string[]>();
    for (const ch of part) {
      const script = SCRIPT_OF.find(([, re]) => re.test(ch))?.[0];
      if (!script) continue;
      const chars = scripts.get(script) ?? [];
      if (!chars.includes(ch)) chars.push(ch);
      scripts.set(script, chars);
    }
    if (scripts.size < 2) continue;
    // The script with fewer letters is the odd one out.
    const [main, ...others] = [...scripts].sort((a, b) => b[1].length - a[1].length);
    const odd = others
      .flatMap(([script, chars]) =>
        chars.map(
          (c) =>
            `"${c}" (${script}, U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`,
        ),
      )
      .join(', ');
    return `"${email}" mixes ${main?.[0] ?? 'Latin'} letters with ${odd}: it looks like another address. Check it was typed, not pasted from somewhere else.`;
  }
  return null;
}
