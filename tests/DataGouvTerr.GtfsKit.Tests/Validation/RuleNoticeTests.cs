using DataGouvTerr.GtfsKit.Validation;

namespace DataGouvTerr.GtfsKit.Tests.Validation;

/// <summary>One small feed per notice: the valid base feed with one change, and the notice that change must raise.</summary>
public sealed class RuleNoticeTests
{
    private const string Agency = "agency.txt";
    private const string Stops = "stops.txt";
    private const string Routes = "routes.txt";
    private const string Trips = "trips.txt";
    private const string StopTimes = "stop_times.txt";
    private const string Calendar = "calendar.txt";
    private const string CalendarDates = "calendar_dates.txt";
    private const string Shapes = "shapes.txt";
    private const string FeedInfo = "feed_info.txt";
    private const string AgencyHeader = "agency_id,agency_name,agency_url,agency_timezone,agency_lang";
    private const string RouteHeader = "route_id,agency_id,route_short_name,route_long_name,route_type";

    private static readonly Dictionary<string, (string Code, string File, Func<GtfsFeedBuilder, GtfsFeedBuilder> Change)> Cases = new()
    {
        // Files and headers
        ["missing agency.txt"] = ("missing_required_file", Agency, f => f.Without(Agency)),
        ["no calendar at all"] = ("missing_calendar_and_calendar_date_files", Calendar, f => f.Without(Calendar).Without(CalendarDates)),
        ["no feed_info.txt"] = ("missing_recommended_file", FeedInfo, f => f.Without(FeedInfo)),
        ["stop_time.txt typo"] = ("unknown_file", "stop_time.txt", f => f.With("stop_time.txt", "trip_id\nT1")),
        ["routes.txt header only"] = ("empty_file", Routes, f => f.With(Routes, RouteHeader)),
        ["agency.txt without header"] = ("empty_file", Agency, f => f.With(Agency, "")),
        ["no exception_type column"] = ("missing_required_column", CalendarDates, f => f.With(CalendarDates, "service_id,date\nWK,20261225")),
        ["date column twice"] = ("duplicated_column", CalendarDates, f => f.With(CalendarDates, "service_id,date,exception_type,date\nWK,20261225,2,20261225")),
        ["unnamed column"] = ("empty_column_name", CalendarDates, f => f.With(CalendarDates, "service_id,date,exception_type,\nWK,20261225,2,")),
        ["agency_colour column"] = ("unknown_column", Agency, f => f.With(Agency, AgencyHeader + ",agency_colour\nA1,Réseau,https://example.org,Europe/Paris,fr,red")),
        ["semicolons"] = ("wrong_delimiter", CalendarDates, f => f.With(CalendarDates, "service_id;date;exception_type\nWK;20261225;2")),
        ["short row"] = ("invalid_row_length", Routes, f => f.Append(Routes, "R2,A1,2")),
        ["blank line"] = ("empty_row", Routes, f => f.Replace(Routes, "FFFFFF", "FFFFFF\n\n")),
        ["padded name"] = ("leading_or_trailing_whitespaces", Agency, f => f.Replace(Agency, "Réseau Exemple", " Réseau Exemple")),
        ["line break in name"] = ("new_line_in_value", Agency, f => f.Replace(Agency, "Réseau Exemple", "\"Réseau\nExemple\"")),

        // Field formats
        ["empty agency_name"] = ("missing_required_field", Agency, f => f.Replace(Agency, "Réseau Exemple", "")),
        ["empty stop_id in stop_times"] = ("missing_required_field", StopTimes, f => f.Replace(StopTimes, "08:05:00,S2,", "08:05:00,,")),
        ["route_type bus"] = ("invalid_integer", Routes, f => f.Replace(Routes, ",3,0055A4", ",bus,0055A4")),
        ["stop_sequence two"] = ("invalid_integer", StopTimes, f => f.Replace(StopTimes, "S2,2,670", "S2,two,670")),
        ["latitude 49.44.40"] = ("invalid_float", Stops, f => f.Replace(Stops, "49.4440", "49.44.40")),
        ["shape_dist_traveled abc"] = ("invalid_float", StopTimes, f => f.Replace(StopTimes, "S2,2,670", "S2,2,abc")),
        ["latitude 94"] = ("number_out_of_range", Stops, f => f.Replace(Stops, "49.4440", "94.4440")),
        ["negative stop_sequence"] = ("number_out_of_range", StopTimes, f => f.Replace(StopTimes, "S1,1,0", "S1,-1,0")),
        ["direction_id 2"] = ("unexpected_enum_value", Trips, f => f.Replace(Trips, "R1,WK,T1,0", "R1,WK,T1,2")),
        ["timepoint 3"] = ("unexpected_enum_value", StopTimes, f => f.Replace(StopTimes, "S2,2,670,1", "S2,2,670,3")),
        ["13th month"] = ("invalid_date", Calendar, f => f.Replace(Calendar, "20271231", "20271331")),
        ["8h04"] = ("invalid_time", StopTimes, f => f.Replace(StopTimes, "08:04:00", "8h04")),
        ["#0055A4"] = ("invalid_color", Routes, f => f.Replace(Routes, "0055A4", "#0055A4")),
        ["url without scheme"] = ("invalid_url", Agency, f => f.Replace(Agency, "https://example.org", "example.org")),
        ["email without @"] = ("invalid_email", Agency, f => f.With(Agency, AgencyHeader + ",agency_email\nA1,Réseau,https://example.org,Europe/Paris,fr,contact-at-example.org")),
        ["phone in words"] = ("invalid_phone_number", Agency, f => f.With(Agency, AgencyHeader + ",agency_phone\nA1,Réseau,https://example.org,Europe/Paris,fr,call us!")),
        ["Europe/Rouen"] = ("invalid_timezone", Agency, f => f.Replace(Agency, "Europe/Paris", "Europe/Rouen")),
        ["language french"] = ("invalid_language_code", Agency, f => f.Replace(Agency, "Europe/Paris,fr", "Europe/Paris,french")),
        ["currency EUROS"] = ("invalid_currency", "fare_attributes.txt", f => f.With("fare_attributes.txt", "fare_id,price,currency_type,payment_method,transfers\nF1,1.70,EUROS,0,")),

        // Keys and references
        ["stop S3 twice"] = ("duplicate_key", Stops, f => f.Append(Stops, "S3,Autre,49.4300,1.1100,0,")),
        ["stop_sequence 3 twice"] = ("duplicate_key", StopTimes, f => f.Append(StopTimes, "T1,08:11:00,08:11:00,S3,3,,")),
        ["unknown route"] = ("foreign_key_violation", Trips, f => f.Replace(Trips, "R1,WK,T2", "R9,WK,T2")),
        ["unknown stop in stop_times"] = ("foreign_key_violation", StopTimes, f => f.Replace(StopTimes, "S2,2,670", "S9,2,670")),
        ["unknown service"] = ("foreign_key_violation", Trips, f => f.Replace(Trips, "R1,WK,T2", "R1,XX,T2")),
        ["unknown shape"] = ("foreign_key_violation", Trips, f => f.Replace(Trips, "T2,1,SH1", "T2,1,SH9")),

        // Agencies
        ["two agencies, route without agency_id"] = ("missing_required_field", Routes, f => f.Append(Agency, "A2,Autre,https://example.com,Europe/Paris,fr").Replace(Routes, "R1,A1,", "R1,,")),
        ["one agency, route without agency_id"] = ("missing_recommended_field", Routes, f => f.Replace(Routes, "R1,A1,", "R1,,")),
        ["London and Paris"] = ("inconsistent_agency_timezone", Agency, f => f.Append(Agency, "A2,Autre,https://example.com,Europe/London,fr")),
        ["fr and en"] = ("inconsistent_agency_lang", Agency, f => f.Append(Agency, "A2,Autre,https://example.com,Europe/Paris,en")),

        // Stops and stations
        ["stop without name"] = ("missing_required_field", Stops, f => f.Replace(Stops, "S2,Théâtre,", "S2,,")),
        ["entrance without station"] = ("location_without_parent_station", Stops, f => f.Append(Stops, "E1,Entrée,49.4491,1.0941,2,")),
        ["station inside a stop"] = ("station_with_parent_station", Stops, f => f.Append(Stops, "ST1,Station,49.4491,1.0941,1,S1")),
        ["stop inside a stop"] = ("wrong_parent_location_type", Stops, f => f.Replace(Stops, "S2,Théâtre,49.4440,1.0990,0,", "S2,Théâtre,49.4440,1.0990,0,S1")),
        ["stop at 0,0"] = ("point_near_origin", Stops, f => f.Append(Stops, "S0,Nulle part,0,0,0,")),
        ["stop at the pole"] = ("point_near_pole", Stops, f => f.Append(Stops, "SP,Pôle,89.5,1.09,0,")),
        ["stop in Toulouse"] = ("stop_far_from_others", Stops, f => f.Append(Stops, "SF,Loin,43.60,1.44,0,")),
        ["Gare twice"] = ("duplicate_stop", Stops, f => f.Append(Stops, "S4,Gare,49.44901,1.09401,0,")),

        // Routes
        ["route without names"] = ("route_both_short_and_long_name_missing", Routes, f => f.Replace(Routes, "R1,A1,1,Gare - Hôtel de Ville,", "R1,A1,,,")),
        ["Gare Gare"] = ("route_short_and_long_name_equal", Routes, f => f.Replace(Routes, "R1,A1,1,Gare - Hôtel de Ville,", "R1,A1,Gare,Gare,")),
        ["long short name"] = ("route_short_name_too_long", Routes, f => f.Replace(Routes, "R1,A1,1,", "R1,A1,Ligne numéro un,")),
        ["1 - 1 Gare"] = ("route_long_name_contains_short_name", Routes, f => f.Replace(Routes, "1,Gare - Hôtel de Ville", "1,1 - Gare - Hôtel de Ville")),
        ["description = name"] = ("same_name_and_description_for_route", Routes, f => f.With(Routes, RouteHeader + ",route_desc\nR1,A1,1,Gare - Hôtel de Ville,3,Gare - Hôtel de Ville")),
        ["blue on blue"] = ("route_color_contrast", Routes, f => f.Replace(Routes, "0055A4,FFFFFF", "0055A4,0055A5")),
        ["route listed twice"] = ("duplicate_route_name", Routes, f => f.Append(Routes, "R2,A1,1,Gare - Hôtel de Ville,3,0055A4,FFFFFF")),
        ["route_url = agency_url"] = ("same_route_and_agency_url", Routes, f => f.With(Routes, RouteHeader + ",route_url\nR1,A1,1,Gare - Hôtel de Ville,3,https://example.org/")),

        // Stop times
        ["arrives before it left"] = ("stop_time_with_arrival_before_previous_departure_time", StopTimes, f => f.Replace(StopTimes, "T1,08:04:00,08:05:00", "T1,07:59:00,08:05:00")),
        ["leaves before it arrives"] = ("stop_time_with_departure_before_arrival_time", StopTimes, f => f.Replace(StopTimes, "T1,08:04:00,08:05:00", "T1,08:04:00,08:03:00")),
        ["arrival only"] = ("stop_time_with_only_arrival_or_departure_time", StopTimes, f => f.Replace(StopTimes, "T1,08:04:00,08:05:00", "T1,08:04:00,")),
        ["timepoint without times"] = ("stop_time_timepoint_without_times", StopTimes, f => f.Replace(StopTimes, "T1,08:04:00,08:05:00,S2,2,670,1", "T1,,,S2,2,670,1")),
        ["untimed last stop"] = ("missing_trip_edge", StopTimes, f => f.Replace(StopTimes, "T2,08:30:00,08:30:00,S1,3", "T2,,,S1,3")),
        ["distance goes back"] = ("decreasing_or_equal_stop_time_distance", StopTimes, f => f.Replace(StopTimes, "S2,2,670", "S2,2,1500")),
        ["trip of one stop"] = ("unusable_trip", StopTimes, f => f.Append(Trips, "R1,WK,T3,0,SH1,").Append(StopTimes, "T3,09:00:00,09:00:00,S1,1,,")),
        ["trips overlap in block"] = ("block_trips_with_overlapping_stop_times", Trips, f => f.Replace(StopTimes, "T2,08:20:00,08:20:00,S3,1", "T2,08:05:00,08:05:00,S3,1")),

        // Usage
        ["trip without stop times"] = ("unused_trip", Trips, f => f.Append(Trips, "R1,WK,T3,0,SH1,")),
        ["route without trips"] = ("unused_route", Routes, f => f.Append(Routes, "R2,A1,2,Autre ligne,3,0055A4,FFFFFF")),
        ["shape without trips"] = ("unused_shape", Shapes, f => f.Append(Shapes, "SH2,49.4400,1.0900,1,0").Append(Shapes, "SH2,49.4410,1.0910,2,100")),
        ["stop never served"] = ("stop_without_stop_time", Stops, f => f.Append(Stops, "S4,Dépôt,49.4300,1.0900,0,")),
        ["empty station"] = ("unused_station", Stops, f => f.Append(Stops, "ST1,Station,49.4491,1.0941,1,")),

        // Geography
        ["22 km in 5 minutes"] = ("fast_travel_between_consecutive_stops", StopTimes, f => f.Replace(Stops, "S2,Théâtre,49.4440", "S2,Théâtre,49.6440")),
        ["22 km in 5 minutes, far"] = ("fast_travel_between_far_stops", StopTimes, f => f.Replace(Stops, "S2,Théâtre,49.4440", "S2,Théâtre,49.6440")),
        ["shape bends away"] = ("stop_too_far_from_shape", StopTimes, f => f.Replace(Shapes, "SH1,49.4440,1.0990,2", "SH1,49.4440,1.1090,2")),
        ["stops 3 m apart"] = ("stops_too_close", StopTimes, f => f.Replace(Stops, "S2,Théâtre,49.4440,1.0990", "S2,Théâtre,49.44902,1.09402")),
        ["shape distance goes back"] = ("decreasing_or_equal_shape_distance", Shapes, f => f.Replace(Shapes, "1.0990,2,670", "1.0990,2,2000")),
        ["shape of one point"] = ("single_shape_point", Shapes, f => f.Append(Shapes, "SH2,49.4400,1.0900,1,0").Append(Trips, "R1,WK,T3,0,SH2,").Append(StopTimes, "T3,09:00:00,09:00:00,S1,1,,").Append(StopTimes, "T3,09:05:00,09:05:00,S2,2,,")),

        // Calendars, frequencies, feed_info
        ["calendar ends before it starts"] = ("start_and_end_range_out_of_order", Calendar, f => f.Replace(Calendar, "20260101,20271231", "20271231,20260101")),
        ["feed_info ends before it starts"] = ("start_and_end_range_out_of_order", FeedInfo, f => f.Replace(FeedInfo, "20260101,20271231", "20271231,20260101")),
        ["frequency of no length"] = ("start_and_end_range_equal", "frequencies.txt", f => f.With("frequencies.txt", "trip_id,start_time,end_time,headway_secs\nT1,08:00:00,08:00:00,600")),
        ["frequencies overlap"] = ("overlapping_frequency", "frequencies.txt", f => f.With("frequencies.txt", "trip_id,start_time,end_time,headway_secs\nT1,06:00:00,08:00:00,600\nT1,07:00:00,09:00:00,600")),
        ["feed ends in 3 days"] = ("feed_expiration_date7_days", FeedInfo, f => f.Replace(FeedInfo, "20271231", "20261203")),
        ["feed ended last month"] = ("feed_expiration_date7_days", FeedInfo, f => f.Replace(FeedInfo, "20271231", "20261031")),
        ["feed ends in 20 days"] = ("feed_expiration_date30_days", FeedInfo, f => f.Replace(FeedInfo, "20271231", "20261220")),
        ["calendar of 2025"] = ("expired_calendar", Calendar, f => f.Replace(Calendar, "20260101,20271231", "20250101,20251231")),
        ["feed_info without end date"] = ("missing_feed_info_date", FeedInfo, f => f.Replace(FeedInfo, ",20271231,1", ",,1")),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_change_raises_its_notice(string caseName)
    {
        var (code, file, change) = Cases[caseName];
        using var feed = change(new GtfsFeedBuilder());
        var report = feed.Validate();

        Assert.True(report.CountOf(code) > 0,
            $"{caseName}: expected {code}, got {string.Join(", ", report.Summary.Select(s => $"{s.Code}×{s.Count}"))}");
        Assert.Contains(report.Notices, n => n.Code == code && n.Location.File == file);
        Assert.Empty(report.FailedRules);
    }

    [Fact]
    public void At_least_sixty_distinct_notice_codes_are_covered()
    {
        Assert.True(Cases.Values.Select(c => c.Code).Distinct().Count() >= 60);
    }
}
