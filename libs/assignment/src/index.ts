export { AssignmentModule } from './assignment.module';
