/** The policy compiled from rules/ at build time (scripts/vite-embedded-policy.ts). */
declare module 'virtual:aup-embedded' {
  const embedded: {
    policy: import('../src/policy/compiled-schema.ts').CompiledPolicy;
    lists: Record<string, string[]>;
    /** null: a release build that trusts nothing until ICT's managed settings arrive. */
    defaults: { policyUrl: string; trustedKeys: string[]; reportEndpoint?: string; reportToken?: string; refreshMinutes: number } | null;
  };
  export default embedded;
}

/** Which build this is (scripts/build-inputs.ts). */
declare module 'virtual:aup-build' {
  const build: { profile: 'development' | 'release' };
  export default build;
}
