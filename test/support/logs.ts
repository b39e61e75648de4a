/** Log lines that carry one of the secrets a test used, or anything shaped like a JWT. Expect none. */
export function findLeaks(logs: string[], secrets: string[]): string[] {
  const jwtShape = /eyJ[\w-]{5,}\.[\w-]{5,}\./;
  return logs.filter((line) => jwtShape.test(line) || secrets.some((secret) => secret.length >= 6 && line.includes(secret)));
}
