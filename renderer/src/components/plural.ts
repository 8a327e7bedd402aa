const number = new Intl.NumberFormat();

/** "1 teacher", "2 teachers", "1,480 students": a count with the noun it agrees with. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${number.format(n)} ${n === 1 ? one : many}`;
}
