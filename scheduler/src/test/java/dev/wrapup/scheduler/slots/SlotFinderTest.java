package dev.wrapup.scheduler.slots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlotFinderTest {
    private static final Duration ANALYSIS_DELAY = Duration.ofHours(24);
    private static final SlotFinder OFFICE_HOURS =
            new SlotFinder(WorkingHours.parse("MON-FRI 09:00-17:00"));

    private static final Attendee ANA = new Attendee("U_ANA", ZoneId.of("Europe/Berlin"));
    private static final Attendee BEN = new Attendee("U_BEN", ZoneId.of("Europe/Berlin"));
    private static final Attendee AROHA = new Attendee("U_AROHA", ZoneId.of("Pacific/Auckland"));
    private static final Attendee LUIS = new Attendee("U_LUIS", ZoneId.of("America/Los_Angeles"));
    private static final Attendee NORA = new Attendee("U_NORA", ZoneId.of("America/New_York"));
    private static final Attendee PRIYA = new Attendee("U_PRIYA", ZoneId.of("Asia/Kolkata"));
    private static final Attendee SITA = new Attendee("U_SITA", ZoneId.of("Asia/Kathmandu"));

    // --- one timezone

    @Test
    void fridayEveningResolveMeetsMondayMorning() {
        Instant resolved = ZonedDateTime.parse("2025-06-13T18:40+02:00[Europe/Berlin]").toInstant();
        Slot slot = OFFICE_HOURS.find(resolved.plus(ANALYSIS_DELAY), List.of(ANA, BEN));
        assertSlot("2025-06-16T07:00:00Z", List.of(ANA, BEN), List.of(), slot); // Monday 09:00 CEST
        assertEquals(Instant.parse("2025-06-16T07:30:00Z"), slot.end());
    }

    @Test
    void earliestInsideWorkingHoursIsRoundedUpToTheNextHalfHour() {
        Slot slot =
                OFFICE_HOURS.find(
                        Instant.parse("2025-06-11T08:10:00Z"), List.of(ANA)); // Wednesday 10:10
        assertSlot("2025-06-11T08:30:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void earliestOnAHalfHourIsKept() {
        Slot slot = OFFICE_HOURS.find(Instant.parse("2025-06-11T08:30:00Z"), List.of(ANA));
        assertSlot("2025-06-11T08:30:00Z", List.of(ANA), List.of(), slot);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-06-11T08:30:00Z, 2025-06-11T08:30:00Z",
        "2025-06-11T08:30:00.000000001Z, 2025-06-11T09:00:00Z",
        "2025-06-11T08:59:59.999Z, 2025-06-11T09:00:00Z",
        "2025-06-11T08:00:01Z, 2025-06-11T08:30:00Z",
        "1969-12-31T23:59:00Z, 1970-01-01T00:00:00Z"
    })
    void roundsUpToWholeAndHalfHoursUtc(String instant, String aligned) {
        assertEquals(Instant.parse(aligned), SlotFinder.alignUp(Instant.parse(instant)));
    }

    @Test
    void slotMustEndByTheEndOfTheWorkingDay() {
        // 16:30 in Berlin still fits a 30-minute call; 16:40 does not, so the next morning it is.
        assertSlot(
                "2025-06-11T14:30:00Z",
                List.of(ANA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-11T14:30:00Z"), List.of(ANA)));
        assertSlot(
                "2025-06-12T07:00:00Z",
                List.of(ANA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-11T14:40:00Z"), List.of(ANA)));
    }

    @Test
    void weekendIsSkipped() {
        Instant resolved =
                ZonedDateTime.parse("2025-06-12T20:00+02:00[Europe/Berlin]")
                        .toInstant(); // Thursday
        Slot slot = OFFICE_HOURS.find(resolved.plus(ANALYSIS_DELAY), List.of(ANA)); // Friday 20:00
        assertSlot("2025-06-16T07:00:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void weekendOfASundayToThursdayWeekIsFridayAndSaturday() {
        Attendee yael = new Attendee("U_YAEL", ZoneId.of("Asia/Jerusalem"));
        SlotFinder finder = new SlotFinder(WorkingHours.parse("SUN-THU 09:00-17:00"));
        // Thursday 19:00 IDT: Friday and Saturday are skipped, Sunday 09:00 IDT is 06:00 UTC.
        Slot slot = finder.find(Instant.parse("2025-06-12T16:00:00Z"), List.of(yael));
        assertSlot("2025-06-15T06:00:00Z", List.of(yael), List.of(), slot);
    }

    // --- teams across timezones

    @Test
    void threeContinentTeamGetsTheEarliestSlotSuitingTwoOfThree() {
        // June: Auckland +12, Berlin +02, Los Angeles -07. Auckland and Los Angeles share
        // 21:00-24:00 UTC
        // (Monday to Thursday in LA); Berlin shares nothing with either, so no slot suits all
        // three.
        Slot slot =
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(AROHA, ANA, LUIS));
        // Monday 14:00 in Los Angeles, Tuesday 09:00 in Auckland, 23:00 in Berlin. Monday 00:00 UTC
        // already
        // suits Auckland, but a later slot suiting two beats an earlier one suiting one.
        assertSlot("2025-06-16T21:00:00Z", List.of(AROHA, LUIS), List.of(ANA), slot);
    }

    @Test
    void threeContinentTeamInJanuaryFollowsBothHemispheresClocks() {
        // January: Auckland +13 (summer time), Berlin +01, Los Angeles -08: the shared window moves
        // to 20:00 UTC.
        Slot slot =
                OFFICE_HOURS.find(Instant.parse("2025-01-13T00:00:00Z"), List.of(AROHA, ANA, LUIS));
        assertSlot("2025-01-13T20:00:00Z", List.of(AROHA, LUIS), List.of(ANA), slot);
    }

    @Test
    void tiesGoToTheEarliestSlot() {
        // Tuesday 21:10 UTC: 21:30, 22:00, ... and every later weekday evening all suit the same
        // two people.
        Slot slot =
                OFFICE_HOURS.find(Instant.parse("2025-06-17T21:10:00Z"), List.of(AROHA, ANA, LUIS));
        assertSlot("2025-06-17T21:30:00Z", List.of(AROHA, LUIS), List.of(ANA), slot);
    }

    @Test
    void tieBetweenDifferentPeopleGoesToTheEarlierSlot() {
        // Two in Berlin at 07:00 UTC, or Auckland and Los Angeles at 21:00 UTC: two each, Berlin is
        // earlier.
        Slot slot =
                OFFICE_HOURS.find(
                        Instant.parse("2025-06-16T00:00:00Z"), List.of(LUIS, ANA, AROHA, BEN));
        assertSlot("2025-06-16T07:00:00Z", List.of(ANA, BEN), List.of(LUIS, AROHA), slot);
    }

    @Test
    void attendeesAreReportedInTheOrderGiven() {
        Slot slot =
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(LUIS, ANA, AROHA));
        assertSlot("2025-06-16T21:00:00Z", List.of(LUIS, AROHA), List.of(ANA), slot);
    }

    @Test
    void moreAttendeesInOneZoneOutweighFewerInAnother() {
        // Berlin and Los Angeles never overlap in June; two people in Berlin beat one in LA even
        // when LA is earlier.
        Slot slot =
                OFFICE_HOURS.find(Instant.parse("2025-06-16T15:10:00Z"), List.of(LUIS, ANA, BEN));
        assertSlot("2025-06-17T07:00:00Z", List.of(ANA, BEN), List.of(LUIS), slot);
    }

    @Test
    void whenNobodysHoursOverlapTheEarliestSlotForAnyoneWins() {
        // Berlin works 07:00-15:00 UTC and Los Angeles 16:00-24:00 UTC in June.
        assertSlot(
                "2025-06-16T07:00:00Z",
                List.of(ANA),
                List.of(LUIS),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(ANA, LUIS)));
        assertSlot(
                "2025-06-16T16:00:00Z",
                List.of(LUIS),
                List.of(ANA),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T15:10:00Z"), List.of(ANA, LUIS)));
    }

    // --- daylight saving

    @Test
    void berlinSpringForwardWeekendMovesMondayMorningAnHourEarlierInUtc() {
        // Friday 09:00 CET is 08:00 UTC; after 2025-03-30 Monday 09:00 CEST is 07:00 UTC.
        Slot slot = OFFICE_HOURS.find(Instant.parse("2025-03-29T12:00:00Z"), List.of(ANA));
        assertSlot("2025-03-31T07:00:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void berlinFallBackWeekendMovesMondayMorningAnHourLaterInUtc() {
        Slot slot = OFFICE_HOURS.find(Instant.parse("2025-10-25T12:00:00Z"), List.of(ANA));
        assertSlot("2025-10-27T08:00:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void slotOnBerlinsSpringForwardDayUsesTheNewOffset() {
        SlotFinder everyDay = new SlotFinder(WorkingHours.parse("MON-SUN 09:00-17:00"));
        // Sunday 01:00 CET; by 09:00 the clocks say CEST, so the call is at 07:00 UTC, not 08:00.
        Slot slot = everyDay.find(Instant.parse("2025-03-30T00:00:00Z"), List.of(ANA));
        assertSlot("2025-03-30T07:00:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void slotOnBerlinsFallBackDayUsesTheNewOffset() {
        SlotFinder everyDay = new SlotFinder(WorkingHours.parse("MON-SUN 09:00-17:00"));
        // Sunday 02:00 CEST; by 09:00 the clocks say CET, so the call is at 08:00 UTC.
        Slot slot = everyDay.find(Instant.parse("2025-10-26T00:00:00Z"), List.of(ANA));
        assertSlot("2025-10-26T08:00:00Z", List.of(ANA), List.of(), slot);
    }

    @Test
    void losAngelesSpringForwardWeekend() {
        // Friday 09:00 PST is 17:00 UTC; after 2025-03-09 Monday 09:00 PDT is 16:00 UTC.
        assertSlot(
                "2025-03-10T16:00:00Z",
                List.of(LUIS),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-03-08T12:00:00Z"), List.of(LUIS)));
    }

    @Test
    void losAngelesFallBackWeekend() {
        assertSlot(
                "2025-11-03T17:00:00Z",
                List.of(LUIS),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-11-01T12:00:00Z"), List.of(LUIS)));
    }

    @Test
    void slotOnLosAngelesSpringForwardDayUsesTheNewOffset() {
        SlotFinder everyDay = new SlotFinder(WorkingHours.parse("MON-SUN 09:00-17:00"));
        // Sunday 01:00 PST; 09:00 PDT that day is 16:00 UTC.
        assertSlot(
                "2025-03-09T16:00:00Z",
                List.of(LUIS),
                List.of(),
                everyDay.find(Instant.parse("2025-03-09T09:00:00Z"), List.of(LUIS)));
    }

    @Test
    void teamOverlapsOnlyBetweenTheUsAndEuropeanClockChanges() {
        // 09:00-15:00: Berlin (CET) works 08:00-14:00 UTC, New York (EST) 14:00-20:00 UTC: they
        // only touch.
        // From 2025-03-09 New York is on EDT (13:00-19:00 UTC) while Berlin stays on CET until
        // 2025-03-30,
        // so 13:00-14:00 UTC suits both for three weeks.
        SlotFinder finder = new SlotFinder(WorkingHours.parse("MON-FRI 09:00-15:00"));
        Slot slot = finder.find(Instant.parse("2025-02-28T12:00:00Z"), List.of(ANA, NORA));
        assertSlot("2025-03-10T13:00:00Z", List.of(ANA, NORA), List.of(), slot);
    }

    // --- half-hour and three-quarter-hour zones

    @Test
    void kolkataDayStartsOnAHalfHourUtc() {
        // 09:00 IST is 03:30 UTC: the UTC half-hour grid is also Kolkata's.
        assertSlot(
                "2025-06-16T03:30:00Z",
                List.of(PRIYA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(PRIYA)));
    }

    @Test
    void kolkataLastSlotEndsAt17() {
        assertSlot(
                "2025-06-16T11:00:00Z",
                List.of(PRIYA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T11:00:00Z"), List.of(PRIYA)));
        assertSlot(
                "2025-06-17T03:30:00Z",
                List.of(PRIYA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T11:00:01Z"), List.of(PRIYA)));
    }

    @Test
    void kolkataAndBerlinMeetWhenBerlinStarts() {
        assertSlot(
                "2025-06-16T07:00:00Z",
                List.of(PRIYA, ANA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(PRIYA, ANA)));
    }

    @Test
    void kathmanduSlotsFallOnQuarterPastAndQuarterTo() {
        // +05:45: 03:30 UTC is 09:15 local, the first whole slot after 09:00.
        assertSlot(
                "2025-06-16T03:30:00Z",
                List.of(SITA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T00:00:00Z"), List.of(SITA)));
        // 10:30 UTC (16:15-16:45) is the last of the day; 11:00 UTC would end at 17:15.
        assertSlot(
                "2025-06-16T10:30:00Z",
                List.of(SITA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T10:30:00Z"), List.of(SITA)));
        assertSlot(
                "2025-06-17T03:30:00Z",
                List.of(SITA),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-16T10:30:01Z"), List.of(SITA)));
    }

    // --- limits and fallbacks

    @Test
    void slotBeyondTheFourteenDayHorizonIsNotConsidered() {
        SlotFinder finder = new SlotFinder(WorkingHours.parse("MON-FRI 09:00-15:00"));
        // The first slot suiting both is 2025-03-10 13:00 UTC, 18 days away: settle for one person,
        // earliest.
        assertSlot(
                "2025-02-20T12:00:00Z",
                List.of(ANA),
                List.of(NORA),
                finder.find(Instant.parse("2025-02-20T12:00:00Z"), List.of(ANA, NORA)));
    }

    @Test
    void horizonEndsExactlyFourteenDaysAfterTheEarliestTime() {
        SlotFinder finder = new SlotFinder(WorkingHours.parse("MON-FRI 09:00-15:00"));
        // 2025-03-10 13:00 UTC is exactly 14 days on: just outside.
        assertSlot(
                "2025-02-24T13:00:00Z",
                List.of(ANA),
                List.of(NORA),
                finder.find(Instant.parse("2025-02-24T13:00:00Z"), List.of(ANA, NORA)));
        // One second earlier than 14 days on: inside.
        assertSlot(
                "2025-03-10T13:00:00Z",
                List.of(ANA, NORA),
                List.of(),
                finder.find(Instant.parse("2025-02-24T13:00:01Z"), List.of(ANA, NORA)));
        assertEquals(Duration.ofDays(14), SlotFinder.HORIZON);
    }

    @Test
    void whenNoSlotSuitsAnyoneTheRoundedEarliestTimeIsReturnedWithNobodySuited() {
        // Half an hour from 09:00 never fits the +05:45 grid (09:15-09:45 ends too late).
        SlotFinder finder = new SlotFinder(WorkingHours.parse("MON-FRI 09:00-09:30"));
        assertSlot(
                "2025-06-16T00:30:00Z",
                List.of(),
                List.of(SITA),
                finder.find(Instant.parse("2025-06-16T00:10:00Z"), List.of(SITA)));
    }

    @Test
    void workingHoursShorterThanASlotSuitNobody() {
        SlotFinder finder = new SlotFinder(WorkingHours.parse("MON 09:00-09:20"));
        assertSlot(
                "2025-06-14T17:00:00Z",
                List.of(),
                List.of(ANA, LUIS),
                finder.find(Instant.parse("2025-06-14T16:40:00Z"), List.of(ANA, LUIS)));
    }

    @Test
    void withNoAttendeesTheFirstWorkingSlotInUtcIsChosen() {
        Slot slot = OFFICE_HOURS.find(Instant.parse("2025-06-14T16:40:00Z"), List.of()); // Saturday
        assertSlot("2025-06-16T09:00:00Z", List.of(), List.of(), slot);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-14T16:40:12.345Z", // Saturday afternoon UTC
                "2025-06-14T17:45:00Z", // 23:45-00:15 in Kathmandu: the slot crosses local midnight
                "2025-06-16T00:00:00Z",
                "2025-03-30T00:59:59Z", // just before Berlin's clocks jump
                "2025-10-26T00:30:00Z"
            }) // inside Berlin's repeated hour
    void allDayEveryDayGivesExactlyTheRoundedEarliestTimeForEveryone(String earliest) {
        SlotFinder always = new SlotFinder(WorkingHours.parse("MON-SUN 00:00-24:00"));
        List<Attendee> everyone =
                List.of(
                        AROHA,
                        ANA,
                        LUIS,
                        NORA,
                        PRIYA,
                        SITA,
                        new Attendee("U_SAM", ZoneId.of("America/St_Johns")),
                        new Attendee("U_UTC", ZoneOffset.UTC));
        Instant at = Instant.parse(earliest);
        Slot slot = always.find(at, everyone);
        assertEquals(SlotFinder.alignUp(at), slot.start());
        assertEquals(everyone, slot.suited());
        assertEquals(List.of(), slot.notSuited());
    }

    @Test
    void allDayEveryDayMatchesAFixedExpectation() {
        SlotFinder always = new SlotFinder(WorkingHours.parse("MON-SUN 00:00-24:00"));
        assertSlot(
                "2025-06-14T17:00:00Z",
                List.of(ANA),
                List.of(),
                always.find(Instant.parse("2025-06-14T16:40:12.345Z"), List.of(ANA)));
    }

    // --- attendees

    @Test
    void unknownSlackTimezoneCountsAsUtc() {
        assertEquals(ZoneOffset.UTC, Attendee.withSlackTz("U1", null).zone());
        assertEquals(ZoneOffset.UTC, Attendee.withSlackTz("U1", "").zone());
        assertEquals(ZoneOffset.UTC, Attendee.withSlackTz("U1", "Mars/Olympus_Mons").zone());
        assertEquals(ZoneOffset.UTC, Attendee.withSlackTz("U1", "not a zone").zone());
        assertEquals(
                new Attendee("U1", ZoneId.of("Asia/Kolkata")),
                Attendee.withSlackTz("U1", "Asia/Kolkata"));
    }

    @Test
    void attendeeWithUnknownTimezoneIsJudgedOnUtcHours() {
        Attendee unknown = Attendee.withSlackTz("U_X", "Nowhere/Special");
        assertSlot(
                "2025-06-16T09:00:00Z",
                List.of(unknown),
                List.of(),
                OFFICE_HOURS.find(Instant.parse("2025-06-14T16:40:00Z"), List.of(unknown)));
    }

    @Test
    void slotMustEndAfterItStarts() {
        Instant t = Instant.parse("2025-06-16T09:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new Slot(t, t, List.of(), List.of()));
    }

    // --- sharing the inconvenience: January, Berlin +01, Auckland +13, Los Angeles -08.
    // Two in Berlin meet 08:00-16:00 UTC; Auckland and Los Angeles meet 20:00-01:00 UTC (Monday
    // to Thursday UTC); each suits two of the four, and nothing suits three.

    private static final List<Attendee> SPREAD_TEAM = List.of(ANA, BEN, AROHA, LUIS);

    /** Tuesday 12 January 2027, 13:00 in Berlin. */
    private static final Instant TUESDAY_NOON_UTC = Instant.parse("2027-01-12T12:00:00Z");

    @Test
    void withNobodyInconveniencedBeforeTheEarliestEquallyGoodSlotWins() {
        Slot slot = OFFICE_HOURS.find(TUESDAY_NOON_UTC, SPREAD_TEAM, Map.of());
        assertSlot("2027-01-12T12:00:00Z", List.of(ANA, BEN), List.of(AROHA, LUIS), slot);
    }

    @Test
    void aLaterEquallyGoodSlotSparesThoseInconveniencedBefore() {
        Slot slot =
                OFFICE_HOURS.find(
                        TUESDAY_NOON_UTC, SPREAD_TEAM, Map.of(AROHA.userId(), 1, LUIS.userId(), 1));
        // Tuesday 12:00 in Los Angeles, Wednesday 09:00 in Auckland, 21:00 in Berlin.
        assertSlot("2027-01-12T20:00:00Z", List.of(AROHA, LUIS), List.of(ANA, BEN), slot);
    }

    @Test
    void theMostBurdenedIsSparedFirstEvenAtAHigherTotal() {
        // Berlin's slot is outside hours for Aroha (3) and Luis (0): 3, 0. The evening slot is
        // outside hours for Ana and Ben (2 each): 2, 2. The larger total of 4 still spares Aroha.
        Slot slot =
                OFFICE_HOURS.find(
                        TUESDAY_NOON_UTC,
                        SPREAD_TEAM,
                        Map.of(AROHA.userId(), 3, ANA.userId(), 2, BEN.userId(), 2));
        assertSlot("2027-01-12T20:00:00Z", List.of(AROHA, LUIS), List.of(ANA, BEN), slot);
    }

    @Test
    void theMostBurdenedEqualThenTheNextDecides() {
        Slot slot =
                OFFICE_HOURS.find(
                        TUESDAY_NOON_UTC,
                        SPREAD_TEAM,
                        Map.of(AROHA.userId(), 2, LUIS.userId(), 1, ANA.userId(), 2));
        // 2, 1 against 2, 0: Berlin's evening spares Luis.
        assertSlot("2027-01-12T20:00:00Z", List.of(AROHA, LUIS), List.of(ANA, BEN), slot);
    }

    @Test
    void equalBurdensGoToTheEarliestSlot() {
        Slot slot =
                OFFICE_HOURS.find(
                        TUESDAY_NOON_UTC,
                        SPREAD_TEAM,
                        Map.of(
                                AROHA.userId(),
                                2,
                                LUIS.userId(),
                                1,
                                ANA.userId(),
                                1,
                                BEN.userId(),
                                2));
        assertSlot("2027-01-12T12:00:00Z", List.of(ANA, BEN), List.of(AROHA, LUIS), slot);
    }

    @Test
    void theBurdenNeverTradesAPersonSuitedForAnother() {
        // Three in Berlin, one in Auckland: Berlin's afternoon suits three, and however often they
        // were inconvenienced, Auckland's morning (suiting one) is not chosen.
        Attendee cem = new Attendee("U_CEM", ZoneId.of("Europe/Berlin"));
        Slot slot =
                OFFICE_HOURS.find(
                        TUESDAY_NOON_UTC, List.of(ANA, BEN, cem, AROHA), Map.of(AROHA.userId(), 9));
        assertSlot("2027-01-12T12:00:00Z", List.of(ANA, BEN, cem), List.of(AROHA), slot);
    }

    @Test
    void theSpareSlotMustStartWithinADayOfTheFirstBestOne() {
        // Friday: Berlin's afternoon is first; Auckland and Los Angeles next meet on Monday
        // evening UTC, three days on, so the call stays on Friday however burdened they are.
        Slot slot =
                OFFICE_HOURS.find(
                        Instant.parse("2027-01-15T12:00:00Z"),
                        SPREAD_TEAM,
                        Map.of(AROHA.userId(), 5, LUIS.userId(), 5));
        assertSlot("2027-01-15T12:00:00Z", List.of(ANA, BEN), List.of(AROHA, LUIS), slot);
    }

    @Test
    void theWindowIsADayFromTheFirstBestSlotNotFromTheEarliestTime() {
        // From Monday 01:00 UTC the first slot suiting two is Berlin's Monday 08:00; Monday's
        // evening (12 hours on) is inside the day after it.
        Slot slot =
                OFFICE_HOURS.find(
                        Instant.parse("2027-01-11T01:00:00Z"),
                        SPREAD_TEAM,
                        Map.of(AROHA.userId(), 1));
        assertSlot("2027-01-11T20:00:00Z", List.of(AROHA, LUIS), List.of(ANA, BEN), slot);
    }

    @Test
    void aSlotJustUnderADayAfterTheFirstBestIsInsideTheWindow() {
        // One slot a day, 09:00-09:30: Uma's is 09:00 UTC, Zed's 09:00 at +00:30 (08:30 UTC).
        // From 08:45 the first is Uma's; Zed's next, 23.5 hours on, may still spare him.
        SlotFinder oneSlot = new SlotFinder(WorkingHours.parse("MON-SUN 09:00-09:30"));
        Attendee uma = new Attendee("U_UMA", ZoneOffset.UTC);
        Attendee zed = new Attendee("U_ZED", ZoneOffset.ofHoursMinutes(0, 30));
        assertSlot(
                "2027-01-12T08:30:00Z",
                List.of(zed),
                List.of(uma),
                oneSlot.find(
                        Instant.parse("2027-01-11T08:45:00Z"),
                        List.of(uma, zed),
                        Map.of(zed.userId(), 1)));
    }

    private static void assertSlot(
            String start, List<Attendee> suited, List<Attendee> notSuited, Slot slot) {
        assertEquals(Instant.parse(start), slot.start(), "start");
        assertEquals(Instant.parse(start).plus(SlotFinder.SLOT_LENGTH), slot.end(), "end");
        assertEquals(suited, slot.suited(), "suited");
        assertEquals(notSuited, slot.notSuited(), "not suited");
    }

    @Test
    void aFinerAlignmentStartsTheFirstCandidateOnTimeAndKeepsTheHalfHourGridAfter() {
        WorkingHours always = WorkingHours.parse("MON-SUN 00:00-24:00");
        Instant earliest = Instant.parse("2026-11-24T10:07:13.5Z");
        Slot onTime =
                new SlotFinder(always, Duration.ofSeconds(1))
                        .find(earliest, List.of(new Attendee("U1", ZoneOffset.UTC)));
        assertEquals(Instant.parse("2026-11-24T10:07:14Z"), onTime.start());
        WorkingHours afternoons = WorkingHours.parse("MON-SUN 13:00-17:00");
        Slot later =
                new SlotFinder(afternoons, Duration.ofSeconds(1))
                        .find(earliest, List.of(new Attendee("U1", ZoneOffset.UTC)));
        assertEquals(
                Instant.parse("2026-11-24T13:00:00Z"),
                later.start(),
                "later candidates stay on :00/:30");
    }

    @Test
    void anAlignmentLongerThanASlotIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new SlotFinder(
                                WorkingHours.parse("MON-FRI 09:00-17:00"), Duration.ofHours(1)));
    }
}
