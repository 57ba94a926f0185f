import { Global, Module } from '@nestjs/common';
import { NumberDirectory } from '@switchboard/engine';
import { ChannelsNumberDirectory } from './number-directory.provider';

/** Global, so the engine's and pipelines' providers (libraries below channels) can inject the NumberDirectory port. */
@Global()
@Module({
  providers: [{ provide: NumberDirectory, useClass: ChannelsNumberDirectory }],
  exports: [NumberDirectory],
})
export class NumberDirectoryModule {}
