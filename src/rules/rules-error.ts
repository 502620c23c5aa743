/**
 * rules/ cannot be read or does not compile: one clear message for ICT. The CLI prints it as
 * one line with exit code 1; the build stops with it.
 */
export class RulesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RulesError';
  }
}
