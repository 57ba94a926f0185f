export { AssignmentModule } from './assignment.module';
export { AssignmentService } from './assign/assignment.service';
