/** A stand-in for a dependency a test never expects to be called: any use fails the test loudly. */
export function unusedPort<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, property) => {
      if (property === 'then') return undefined;
      return () => {
        throw new Error(`${name}.${String(property)} was called, but this test does not expect it`);
      };
    },
  });
}
