import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

/** The Nest services a registry reads providers and their method decorators with. */
export interface HandlerDiscovery {
  discovery: DiscoveryService;
  scanner: MetadataScanner;
  reflector: Reflector;
}

/** How a registry names things in its boot errors, e.g. `timer kind`, `@OnTimer`, `timer manifest`, `durable timers`. */
export interface HandlerWording {
  /** Stands before the quoted key. */
  item: string;
  /** The decorator a declared key lacks. */
  decorator: string;
  /** What declares keys. */
  manifest: string;
  /** Leads the boot error. */
  title: string;
}

/** One registry's kind of handler: the decorator's metadata, its key, its manifests and its wording. */
export interface HandlerSpec<Meta> {
  metadataKey: symbol;
  key(meta: Meta): string;
  /** The keys `instance` declares when it is this registry's manifest; undefined for any other provider. */
  manifest(instance: unknown): { owner: string; keys: readonly string[] } | undefined;
  wording: HandlerWording;
}

export interface DecoratedHandler<Meta, Args extends unknown[]> {
  key: string;
  meta: Meta;
  /** `provider.method`, for logs and boot errors. */
  source: string;
  call(...args: Args): Promise<void>;
}

/**
 * The decorated handler methods of this process, one per key in discovery order, checked against the manifests.
 * Boot stops naming every problem at once: a declared key with no handler, a key with two handlers, a handler whose
 * key no manifest declares, a key declared twice.
 */
export function discoverHandlers<Meta, Args extends unknown[]>(
  { discovery, scanner, reflector }: HandlerDiscovery,
  spec: HandlerSpec<Meta>,
): DecoratedHandler<Meta, Args>[] {
  const { item, decorator, manifest, title } = spec.wording;
  const declared = new Map<string, string>();
  const problems: string[] = [];
  const found = new Map<string, DecoratedHandler<Meta, Args>[]>();
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    const declaration = spec.manifest(instance);
    if (declaration) {
      for (const key of declaration.keys) {
        const other = declared.get(key);
        if (other) problems.push(`${item} "${key}" is declared by both ${other} and ${declaration.owner}`);
        else declared.set(key, declaration.owner);
      }
      continue;
    }
    if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
    const target = instance as Record<string, unknown>;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const fn = target[method];
      if (typeof fn !== 'function') continue;
      const meta = reflector.get<Meta | undefined>(spec.metadataKey, fn);
      if (!meta) continue;
      const bound = (fn as (...args: Args) => unknown).bind(instance);
      const key = spec.key(meta);
      const handler: DecoratedHandler<Meta, Args> = {
        key,
        meta,
        source: `${instance.constructor.name}.${method}`,
        call: async (...args) => {
          await bound(...args);
        },
      };
      found.set(key, [...(found.get(key) ?? []), handler]);
    }
  }
  for (const [key, owner] of declared)
    if (!found.has(key)) problems.push(`${item} "${key}" declared by ${owner} has no ${decorator} handler`);
  for (const [key, handlers] of found) {
    if (handlers.length > 1)
      problems.push(
        `${item} "${key}" has ${handlers.length} handlers: ${handlers.map((h) => h.source).join(', ')}`,
      );
    if (!declared.has(key))
      problems.push(`${item} "${key}" (${handlers[0].source}) is declared in no ${manifest}`);
  }
  if (problems.length) throw new Error(`${title}: ${problems.join('; ')}`);
  return [...found.values()].map(([handler]) => handler);
}
