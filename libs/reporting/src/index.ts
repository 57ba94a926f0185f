export { VolumeGuardPrune } from './facts/volume-guard-prune.tick';
export { ReportingModule } from './reporting.module';
