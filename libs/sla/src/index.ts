export { SlaModule } from './sla.module';
