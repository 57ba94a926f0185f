/** Thrown at boot when configuration is invalid; the message names every bad key and why. */
export class ConfigError extends Error {
  constructor(readonly problems: { key: string; reason: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.key}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
