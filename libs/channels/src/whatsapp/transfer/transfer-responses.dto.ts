import { ApiProperty } from '@nestjs/swagger';
import { NumberTransferView, TransferTargetsView } from '@switchboard/contracts';

// OpenAPI response schemas of the transfer routes; each implements its contract, so a changed field fails the build.

const uuid = { type: String, format: 'uuid' } as const;

class TransferDepartmentDto {
  @ApiProperty(uuid) id!: string;
  @ApiProperty() name!: string;
}

class TransferNumberDto {
  @ApiProperty(uuid) id!: string;
  @ApiProperty({ example: '+55 11 4000-0001' }) displayPhoneNumber!: string;
  @ApiProperty({ type: () => TransferDepartmentDto }) department!: TransferDepartmentDto;
}

export class TransferTargetsDto implements TransferTargetsView {
  @ApiProperty({ type: () => [TransferDepartmentDto] }) departments!: TransferDepartmentDto[];
  @ApiProperty({ type: () => [TransferNumberDto] }) numbers!: TransferNumberDto[];
}

export class NumberTransferDto implements NumberTransferView {
  @ApiProperty({ ...uuid, description: 'The original conversation, now closed' }) fromConversationId!: string;
  @ApiProperty({ ...uuid, description: 'The conversation on the target number' }) conversationId!: string;
  @ApiProperty(uuid) numberId!: string;
  @ApiProperty(uuid) departmentId!: string;
  @ApiProperty({
    description:
      "Whether free-form replies are possible from the target number now: the 24-hour window is per number, so without the customer's message there, only a template",
  })
  windowOpen!: boolean;
}
