/**
 * The few `Reflect` metadata functions tsyringe (a dependency of @peculiar/x509)
 * insists on at load time: `getMetadata`, `getOwnMetadata`, `defineMetadata`.
 * The project has no `reflect-metadata` package, and x509 never reads decorator
 * metadata we don't define, so a WeakMap store is enough. Import this module
 * before `@peculiar/x509` (test-pki.ts does).
 */
type MetadataStore = WeakMap<object, Map<unknown, unknown>>;

interface ReflectWithMetadata {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
}

const reflect = Reflect as unknown as ReflectWithMetadata;

if (typeof reflect.getMetadata !== 'function') {
  const store: MetadataStore = new WeakMap();
  reflect.defineMetadata = (key, value, target) => {
    let map = store.get(target);
    if (!map) {
      map = new Map();
      store.set(target, map);
    }
    map.set(key, value);
  };
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getMetadata = (key, target) => {
    for (let current: object | null = target; current; current = Object.getPrototypeOf(current) as object | null) {
      const map = store.get(current);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
}

export {};
