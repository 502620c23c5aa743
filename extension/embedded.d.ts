/** The policy compiled from rules/ at build time (scripts/vite-embedded-policy.ts). */
declare module 'virtual:aup-embedded' {
  const embedded: {
    policy: import('../src/policy/compiled-schema.ts').CompiledPolicy;
    lists: Record<string, string[]>;
    defaults: { policyUrl: string; trustedKeys: string[]; refreshMinutes: number };
  };
  export default embedded;
}
