import { Injectable, OnApplicationBootstrap, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@switchboard/engine';
import { REQUIRED_PERMISSION } from './require-permission.decorator';

export interface RouteRule {
  method: string;
  path: string;
  /** A permission, `authenticated`, or `public`. */
  access: string;
}

const join = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/**
 * The route table with the access rule of each route, read from the controllers at boot. Boot fails when a route
 * declares neither @Public() nor a permission, so nothing becomes reachable by omission.
 */
@Injectable()
export class RoutePermissions implements OnApplicationBootstrap {
  private table: RouteRule[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const rules: RouteRule[] = [];
    const missing: string[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const base = String(this.reflector.get<string>(PATH_METADATA, wrapper.metatype) ?? '');
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name] as () => unknown;
        const path = this.reflector.get<string | undefined>(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[this.reflector.get<RequestMethod>(METHOD_METADATA, handler)];
        const targets = [handler, wrapper.metatype];
        const access = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
          ? 'public'
          : this.reflector.getAllAndOverride<string>(REQUIRED_PERMISSION, targets);
        const full = join(base, String(path));
        if (!access) missing.push(`${method} ${full} (${wrapper.metatype.name}.${name})`);
        else rules.push({ method, path: full, access });
      }
    }
    if (missing.length)
      throw new Error(`routes without @Public() or @RequirePermission(): ${missing.join(', ')}`);
    this.table = rules;
  }

  routes(): readonly RouteRule[] {
    return this.table;
  }
}
