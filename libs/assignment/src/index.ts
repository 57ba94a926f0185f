export { AssignmentModule } from './assignment.module';
export { AssignmentService } from './assign/assignment.service';
import { AssignmentAgentMark } from './entities/assignment-agent-mark.entity';
import { AssignmentQueue } from './entities/assignment-queue.entity';

/** Assignment's tables, for MikroORM discovery (the library writes them in SQL). */
export const ASSIGNMENT_ENTITIES = [AssignmentQueue, AssignmentAgentMark];
