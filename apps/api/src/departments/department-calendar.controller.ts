import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BusinessCalendar,
  businessCalendarSchema,
  DepartmentCalendarView,
  ImportHolidaysRequest,
  importHolidaysRequest,
  ImportHolidaysResult,
} from '@switchboard/contracts';
import { requestBodySchema } from '@switchboard/engine';
import { RequirePermission } from '@switchboard/identity';
import { DepartmentCalendarsService } from '@switchboard/pipelines';
import { UnprocessableZodPipe } from '@switchboard/routing';
import { DepartmentCalendarDto, ImportHolidaysResultDto } from './department-calendar-responses.dto';

/** A department's business calendar: the one SLA clocks, reports, routing's hours condition and alarms count by. */
@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/departments/:id/calendar')
export class DepartmentCalendarController {
  constructor(private readonly calendars: DepartmentCalendarsService) {}

  @Get()
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      "The department's business calendar and its source: its own, else made of its businessHours, its department plugin's, or Mon–Fri 09–18 UTC",
  })
  @ApiOkResponse({ type: DepartmentCalendarDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<DepartmentCalendarView> {
    return this.calendars.get(id);
  }

  @Put()
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      'Set the department calendar: IANA time zone, weekly periods (ordered, not overlapping), holidays (dated or yearly), exceptions; 422 names each bad field',
  })
  @ApiBody({ schema: requestBodySchema(businessCalendarSchema) })
  @ApiOkResponse({ type: DepartmentCalendarDto })
  put(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(businessCalendarSchema)) body: BusinessCalendar,
  ): Promise<DepartmentCalendarView> {
    return this.calendars.put(id, body);
  }

  @Post('holidays/import')
  @HttpCode(200)
  @RequirePermission('departments.manage')
  @ApiOperation({
    summary:
      "Add a country's (and region's) public holidays for the given years as dated holidays; dates already there are kept",
  })
  @ApiBody({ schema: requestBodySchema(importHolidaysRequest) })
  @ApiOkResponse({ type: ImportHolidaysResultDto })
  importHolidays(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new UnprocessableZodPipe(importHolidaysRequest)) body: ImportHolidaysRequest,
  ): Promise<ImportHolidaysResult> {
    return this.calendars.importHolidays(id, body);
  }
}
