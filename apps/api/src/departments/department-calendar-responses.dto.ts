import { ApiProperty } from '@nestjs/swagger';
import {
  BusinessCalendar,
  BusinessPeriod,
  DepartmentCalendarSource,
  DepartmentCalendarView,
  ImportHolidaysResult,
} from '@switchboard/contracts';

// OpenAPI response schemas of the department calendar routes; each class implements its contract so a changed
// field fails the build here.

type Holiday = BusinessCalendar['holidays'][number];
type Exception = BusinessCalendar['exceptions'][number];
type Weekly = BusinessCalendar['weekly'];

const SOURCES = ['calendar', 'department', 'plugin', 'default'] satisfies DepartmentCalendarSource[];
const date = { type: String, format: 'date', description: 'YYYY-MM-DD' } as const;

class BusinessPeriodDto implements BusinessPeriod {
  @ApiProperty({ type: String, example: '09:00' }) open!: string;
  @ApiProperty({ type: String, example: '18:00', description: 'Exclusive; may be 24:00' }) close!: string;
}

class WeeklyDto implements Weekly {
  @ApiProperty({ type: () => [BusinessPeriodDto] }) mon!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) tue!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) wed!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) thu!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) fri!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) sat!: BusinessPeriodDto[];
  @ApiProperty({ type: () => [BusinessPeriodDto] }) sun!: BusinessPeriodDto[];
}

class HolidayDto implements Holiday {
  @ApiProperty(date) date!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: Boolean, description: 'Repeats on the same month and day every year' })
  yearly!: boolean;
}

class ExceptionDto implements Exception {
  @ApiProperty(date) date!: string;
  @ApiProperty({ type: String }) name!: string;
  @ApiProperty({ type: () => [BusinessPeriodDto] }) periods!: BusinessPeriodDto[];
}

class BusinessCalendarDto implements BusinessCalendar {
  @ApiProperty({ type: String, example: 'America/Sao_Paulo' }) timezone!: string;
  @ApiProperty({ type: () => WeeklyDto }) weekly!: WeeklyDto;
  @ApiProperty({ type: () => [HolidayDto] }) holidays!: HolidayDto[];
  @ApiProperty({ type: () => [ExceptionDto] }) exceptions!: ExceptionDto[];
}

export class DepartmentCalendarDto implements DepartmentCalendarView {
  @ApiProperty({ type: String, format: 'uuid' }) departmentId!: string;
  @ApiProperty({ type: () => BusinessCalendarDto }) calendar!: BusinessCalendarDto;
  @ApiProperty({ enum: SOURCES }) source!: DepartmentCalendarSource;
  @ApiProperty({ type: String, nullable: true }) pluginId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
}

class ImportedHolidayDto {
  @ApiProperty(date) date!: string;
  @ApiProperty({ type: String }) name!: string;
}

export class ImportHolidaysResultDto extends DepartmentCalendarDto implements ImportHolidaysResult {
  @ApiProperty({ type: () => [ImportedHolidayDto] }) imported!: ImportedHolidayDto[];
}
