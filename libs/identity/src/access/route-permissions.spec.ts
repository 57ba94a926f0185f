import 'reflect-metadata';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Public } from '@switchboard/engine';
import { describe, expect, it } from 'vitest';
import { RequirePermission } from './require-permission.decorator';
import { RoutePermissions } from './route-permissions';

@Controller('api/things')
class DeclaredController {
  @Get()
  @RequirePermission('conversations.read')
  list() {
    return [];
  }

  @Get('open')
  @Public()
  open() {
    return 'ok';
  }
}

@Controller('api/forgotten')
class ForgottenController {
  @Post(':id/do')
  doIt() {
    return 'done';
  }
}

const boot = async (controllers: (new () => unknown)[]) => {
  @Module({ imports: [DiscoveryModule], controllers, providers: [RoutePermissions] })
  class M {}
  const app = await NestFactory.create(M, { logger: false, abortOnError: false });
  await app.init();
  return app;
};

describe('RoutePermissions', () => {
  it('lists every route with its access rule', async () => {
    const app = await boot([DeclaredController]);
    expect(app.get(RoutePermissions).routes()).toEqual([
      { method: 'GET', path: '/api/things', access: 'conversations.read' },
      { method: 'GET', path: '/api/things/open', access: 'public' },
    ]);
    await app.close();
  });

  it('refuses to boot when a route declares neither @Public() nor a permission, naming it', async () => {
    await expect(boot([DeclaredController, ForgottenController])).rejects.toThrow(
      'POST /api/forgotten/:id/do (ForgottenController.doIt)',
    );
  });
});
