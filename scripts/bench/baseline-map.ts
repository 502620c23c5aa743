/**
 * The straightforward matcher the compact one must beat: a Map from host string to its
 * categories, looked up for the host and each parent found with indexOf('.') and slice.
 */
export class BaselineMatcher {
  readonly #byHost = new Map<string, number[]>();

  add(host: string, category: number): void {
    const categories = this.#byHost.get(host);
    if (!categories) this.#byHost.set(host, [category]);
    else if (!categories.includes(category)) categories.push(category);
  }

  get size(): number {
    return this.#byHost.size;
  }

  categoriesOf(host: string): number[] {
    const found: number[] = [];
    let suffix = host;
    for (;;) {
      const categories = this.#byHost.get(suffix);
      if (categories) for (const category of categories) if (!found.includes(category)) found.push(category);
      const dot = suffix.indexOf('.');
      if (dot === -1) break;
      suffix = suffix.slice(dot + 1);
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  }
}
