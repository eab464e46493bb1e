using System.Runtime.CompilerServices;
using DataGouvTerr.GtfsKit.Model;

namespace DataGouvTerr.GtfsKit.Reading;

/// <summary>Reads every known GTFS file of a source into a <see cref="GtfsFeed"/>; see <see cref="GtfsFeed.Read(string, GtfsReadOptions?)"/>.</summary>
internal sealed class GtfsFeedReader(GtfsSource source, GtfsReadOptions options)
{
    private readonly IssueSink _issues = new(options.MaxIssues);
    private readonly Dictionary<string, GtfsFileInfo> _files = new(StringComparer.Ordinal);

    private delegate T RowMapper<T>(ref RowReader r);

    public GtfsFeed Read()
    {
        foreach (var issue in source.Issues)
        {
            _issues.Add(issue);
        }

        var feed = new GtfsFeed
        {
            DistUnits = options.DistUnits,
            SourceFileNames = source.FileNames,
            Agencies = ReadRecords(GtfsFileNames.Agency, static (ref RowReader r) => new Agency
            {
                RowNumber = r.RowNumber,
                AgencyId = r.Text("agency_id"),
                AgencyName = r.Text("agency_name"),
                AgencyUrl = r.Text("agency_url"),
                AgencyTimezone = r.Text("agency_timezone"),
                AgencyLang = r.Text("agency_lang"),
                AgencyPhone = r.Text("agency_phone"),
                AgencyFareUrl = r.Text("agency_fare_url"),
                AgencyEmail = r.Text("agency_email"),
            }),
            Stops = ReadRecords(GtfsFileNames.Stops, static (ref RowReader r) => new Stop
            {
                RowNumber = r.RowNumber,
                StopId = r.Text("stop_id"),
                StopCode = r.Text("stop_code"),
                StopName = r.Text("stop_name"),
                TtsStopName = r.Text("tts_stop_name"),
                StopDesc = r.Text("stop_desc"),
                StopLat = r.Double("stop_lat"),
                StopLon = r.Double("stop_lon"),
                ZoneId = r.Text("zone_id"),
                StopUrl = r.Text("stop_url"),
                LocationType = r.Int("location_type"),
                ParentStation = r.Text("parent_station"),
                StopTimezone = r.Text("stop_timezone"),
                WheelchairBoarding = r.Int("wheelchair_boarding"),
                LevelId = r.Text("level_id"),
                PlatformCode = r.Text("platform_code"),
            }),
            Routes = ReadRecords(GtfsFileNames.Routes, static (ref RowReader r) => new Route
            {
                RowNumber = r.RowNumber,
                RouteId = r.Text("route_id"),
                AgencyId = r.Text("agency_id"),
                RouteShortName = r.Text("route_short_name"),
                RouteLongName = r.Text("route_long_name"),
                RouteDesc = r.Text("route_desc"),
                RouteType = r.Int("route_type"),
                RouteUrl = r.Text("route_url"),
                RouteColor = r.Text("route_color"),
                RouteTextColor = r.Text("route_text_color"),
                RouteSortOrder = r.Int("route_sort_order"),
                ContinuousPickup = r.Int("continuous_pickup"),
                ContinuousDropOff = r.Int("continuous_drop_off"),
                NetworkId = r.Text("network_id"),
            }),
            Trips = ReadRecords(GtfsFileNames.Trips, static (ref RowReader r) => new Trip
            {
                RowNumber = r.RowNumber,
                RouteId = r.Text("route_id"),
                ServiceId = r.Text("service_id"),
                TripId = r.Text("trip_id"),
                TripHeadsign = r.Text("trip_headsign"),
                TripShortName = r.Text("trip_short_name"),
                DirectionId = r.Int("direction_id"),
                BlockId = r.Text("block_id"),
                ShapeId = r.Text("shape_id"),
                WheelchairAccessible = r.Int("wheelchair_accessible"),
                BikesAllowed = r.Int("bikes_allowed"),
            }),
            Calendar = ReadRecords(GtfsFileNames.Calendar, static (ref RowReader r) => new CalendarEntry
            {
                RowNumber = r.RowNumber,
                ServiceId = r.Text("service_id"),
                Monday = r.Int("monday"),
                Tuesday = r.Int("tuesday"),
                Wednesday = r.Int("wednesday"),
                Thursday = r.Int("thursday"),
                Friday = r.Int("friday"),
                Saturday = r.Int("saturday"),
                Sunday = r.Int("sunday"),
                StartDate = r.Date("start_date"),
                EndDate = r.Date("end_date"),
            }),
            CalendarDates = ReadRecords(GtfsFileNames.CalendarDates, static (ref RowReader r) => new CalendarDate
            {
                RowNumber = r.RowNumber,
                ServiceId = r.Text("service_id"),
                Date = r.Date("date"),
                ExceptionType = r.Int("exception_type"),
            }),
            Frequencies = ReadRecords(GtfsFileNames.Frequencies, static (ref RowReader r) => new Frequency
            {
                RowNumber = r.RowNumber,
                TripId = r.Text("trip_id"),
                StartTime = r.Time("start_time"),
                EndTime = r.Time("end_time"),
                HeadwaySecs = r.Int("headway_secs"),
                ExactTimes = r.Int("exact_times"),
            }),
            Transfers = ReadRecords(GtfsFileNames.Transfers, static (ref RowReader r) => new Transfer
            {
                RowNumber = r.RowNumber,
                FromStopId = r.Text("from_stop_id"),
                ToStopId = r.Text("to_stop_id"),
                FromRouteId = r.Text("from_route_id"),
                ToRouteId = r.Text("to_route_id"),
                FromTripId = r.Text("from_trip_id"),
                ToTripId = r.Text("to_trip_id"),
                TransferType = r.Int("transfer_type"),
                MinTransferTime = r.Int("min_transfer_time"),
            }),
            FeedInfo = ReadRecords(GtfsFileNames.FeedInfo, static (ref RowReader r) => new FeedInfo
            {
                RowNumber = r.RowNumber,
                FeedPublisherName = r.Text("feed_publisher_name"),
                FeedPublisherUrl = r.Text("feed_publisher_url"),
                FeedLang = r.Text("feed_lang"),
                DefaultLang = r.Text("default_lang"),
                FeedStartDate = r.Date("feed_start_date"),
                FeedEndDate = r.Date("feed_end_date"),
                FeedVersion = r.Text("feed_version"),
                FeedContactEmail = r.Text("feed_contact_email"),
                FeedContactUrl = r.Text("feed_contact_url"),
            }),
            FareAttributes = ReadRecords(GtfsFileNames.FareAttributes, static (ref RowReader r) => new FareAttribute
            {
                RowNumber = r.RowNumber,
                FareId = r.Text("fare_id"),
                Price = r.Double("price"),
                CurrencyType = r.Text("currency_type"),
                PaymentMethod = r.Int("payment_method"),
                Transfers = r.Int("transfers"),
                AgencyId = r.Text("agency_id"),
                TransferDuration = r.Int("transfer_duration"),
            }),
            FareRules = ReadRecords(GtfsFileNames.FareRules, static (ref RowReader r) => new FareRule
            {
                RowNumber = r.RowNumber,
                FareId = r.Text("fare_id"),
                RouteId = r.Text("route_id"),
                OriginId = r.Text("origin_id"),
                DestinationId = r.Text("destination_id"),
                ContainsId = r.Text("contains_id"),
            }),
            Attributions = ReadRecords(GtfsFileNames.Attributions, static (ref RowReader r) => new Attribution
            {
                RowNumber = r.RowNumber,
                AttributionId = r.Text("attribution_id"),
                AgencyId = r.Text("agency_id"),
                RouteId = r.Text("route_id"),
                TripId = r.Text("trip_id"),
                OrganizationName = r.Text("organization_name"),
                IsProducer = r.Int("is_producer"),
                IsOperator = r.Int("is_operator"),
                IsAuthority = r.Int("is_authority"),
                AttributionUrl = r.Text("attribution_url"),
                AttributionEmail = r.Text("attribution_email"),
                AttributionPhone = r.Text("attribution_phone"),
            }),
            Levels = ReadRecords(GtfsFileNames.Levels, static (ref RowReader r) => new Level
            {
                RowNumber = r.RowNumber,
                LevelId = r.Text("level_id"),
                LevelIndex = r.Double("level_index"),
                LevelName = r.Text("level_name"),
            }),
            Pathways = ReadRecords(GtfsFileNames.Pathways, static (ref RowReader r) => new Pathway
            {
                RowNumber = r.RowNumber,
                PathwayId = r.Text("pathway_id"),
                FromStopId = r.Text("from_stop_id"),
                ToStopId = r.Text("to_stop_id"),
                PathwayMode = r.Int("pathway_mode"),
                IsBidirectional = r.Int("is_bidirectional"),
                Length = r.Double("length"),
                TraversalTime = r.Int("traversal_time"),
                StairCount = r.Int("stair_count"),
                MaxSlope = r.Double("max_slope"),
                MinWidth = r.Double("min_width"),
                SignpostedAs = r.Text("signposted_as"),
                ReversedSignpostedAs = r.Text("reversed_signposted_as"),
            }),
            StopTimes = ReadStopTimes(),
            Shapes = ReadShapes(),
        };

        feed.Files = _files;
        feed.Issues = _issues.ToList();
        return feed;
    }

    private List<T> ReadRecords<T>(string fileName, RowMapper<T> map)
    {
        var records = new List<T>();
        using var table = CsvTable.Open(source, fileName, _issues);
        if (table is null)
        {
            return records;
        }

        long count = 0;
        foreach (var row in table.Reader)
        {
            var rowNumber = row.RowIndex + 2L;
            if (!CheckShape(table, row.ColCount, row.Span, rowNumber))
            {
                continue;
            }

            if (count >= options.MaxRowsPerFile)
            {
                ReportTooManyRows(fileName);
                break;
            }

            var reader = new RowReader(row, table, _issues, rowNumber);
            records.Add(map(ref reader));
            count++;
        }

        _files[fileName] = new GtfsFileInfo(fileName, table.Columns, count);
        return records;
    }

    /// <summary>Skips empty rows and reports rows whose field count differs from the header's; false means skip.</summary>
    private bool CheckShape(CsvTable table, int colCount, ReadOnlySpan<char> rowText, long rowNumber)
    {
        if (rowText.Trim().IsEmpty)
        {
            _issues.Add(GtfsReadCodes.EmptyRow, GtfsIssueSeverity.Warning, table.FileName, rowNumber, null, null, "Empty row; skipped.");
            return false;
        }

        if (colCount != table.Columns.Count)
        {
            _issues.Add(GtfsReadCodes.InvalidRowLength, GtfsIssueSeverity.Error, table.FileName, rowNumber, null, rowText.ToString(),
                $"Row has {colCount} fields, the header has {table.Columns.Count}.");
        }

        return true;
    }

    private void ReportTooManyRows(string fileName) =>
        _issues.Add(GtfsReadCodes.TooManyRows, GtfsIssueSeverity.Error, fileName, 0, null, null,
            $"{fileName} has more than {options.MaxRowsPerFile} rows; the rest was not read.");

    // Called once per feed, so tiered compilation would leave its hot loop in on-stack-replaced code: jit it optimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private StopTimeTable ReadStopTimes()
    {
        using var table = CsvTable.Open(source, GtfsFileNames.StopTimes, _issues);
        if (table is null)
        {
            return StopTimeTable.Empty;
        }

        var tripIds = new IdPool();
        var stopIds = new IdPool();
        var headsigns = new IdPool();
        headsigns.GetOrAdd([]);
        var tripIndex = new GrowableArray<int>(1 << 16);
        var stopIndex = new GrowableArray<int>(1 << 16);
        var sequence = new GrowableArray<int>(1 << 16);
        var arrival = new GrowableArray<GtfsTime>(1 << 16);
        var departure = new GrowableArray<GtfsTime>(1 << 16);
        var dist = new GrowableArray<double>(1 << 16);
        var pickup = new GrowableArray<sbyte>(1 << 16);
        var dropOff = new GrowableArray<sbyte>(1 << 16);
        var timepoint = new GrowableArray<sbyte>(1 << 16);
        var continuousPickup = new GrowableArray<sbyte>(1 << 16);
        var continuousDropOff = new GrowableArray<sbyte>(1 << 16);
        var headsignIndex = new GrowableArray<int>(1 << 16);
        var rowNumbers = new GrowableArray<int>(1 << 16);

        var cTrip = table.Col("trip_id");
        var cArr = table.Col("arrival_time");
        var cDep = table.Col("departure_time");
        var cStop = table.Col("stop_id");
        var cSeq = table.Col("stop_sequence");
        var cHead = table.Col("stop_headsign");
        var cPick = table.Col("pickup_type");
        var cDrop = table.Col("drop_off_type");
        var cCp = table.Col("continuous_pickup");
        var cCd = table.Col("continuous_drop_off");
        var cDist = table.Col("shape_dist_traveled");
        var cTp = table.Col("timepoint");
        var file = table.FileName;

        var lastTrip = -1;
        var lastStop = -1;
        // successor[2s] and successor[2s+1] are the last two stops that followed stop s: trips of one pattern repeat
        // the same sequence of stops (and a stop served in both directions has two), so checking those guesses first
        // avoids most hash lookups of stop_id.
        var successor = new int[512];
        Array.Fill(successor, -1);
        long count = 0;
        long sampledChars = 0;
        foreach (var row in table.Reader)
        {
            var rowNumber = row.RowIndex + 2L;
            var n = row.ColCount;
            if (!CheckShape(table, n, row.Span, rowNumber))
            {
                continue;
            }

            if (count >= options.MaxRowsPerFile)
            {
                ReportTooManyRows(file);
                break;
            }

            if (count < SizingSampleRows)
            {
                sampledChars += row.Span.Length + 1;
            }
            else if (count == SizingSampleRows)
            {
                var expected = ExpectedRows(table.DeclaredBytes, sampledChars);
                foreach (var column in (ReadOnlySpan<GrowableArray<int>>)[tripIndex, stopIndex, sequence, headsignIndex, rowNumbers])
                {
                    column.EnsureCapacity(expected);
                }

                arrival.EnsureCapacity(expected);
                departure.EnsureCapacity(expected);
                dist.EnsureCapacity(expected);
                foreach (var column in (ReadOnlySpan<GrowableArray<sbyte>>)[pickup, dropOff, timepoint, continuousPickup, continuousDropOff])
                {
                    column.EnsureCapacity(expected);
                }
            }

            // Consecutive rows nearly always share the trip, so compare with the previous id before hashing.
            var tripSpan = Field(row, cTrip, n);
            lastTrip = lastTrip >= 0 && tripSpan.SequenceEqual(tripIds[lastTrip]) ? lastTrip : Intern(tripIds, tripSpan, file, rowNumber, "trip_id");
            tripIndex.Add(lastTrip);
            var stopSpan = Field(row, cStop, n);
            var slot = 2 * lastStop;
            int stop;
            if (lastStop >= 0 && successor[slot] >= 0 && stopSpan.SequenceEqual(stopIds[successor[slot]]))
            {
                stop = successor[slot];
            }
            else if (lastStop >= 0 && successor[slot + 1] >= 0 && stopSpan.SequenceEqual(stopIds[successor[slot + 1]]))
            {
                stop = successor[slot + 1];
            }
            else
            {
                stop = Intern(stopIds, stopSpan, file, rowNumber, "stop_id");
                if (2 * stopIds.Count > successor.Length)
                {
                    var old = successor.Length;
                    Array.Resize(ref successor, Math.Max(old * 2, 2 * stopIds.Count));
                    successor.AsSpan(old).Fill(-1);
                }

                if (lastStop >= 0)
                {
                    successor[slot + 1] = successor[slot];
                    successor[slot] = stop;
                }
            }

            lastStop = stop;
            stopIndex.Add(stop);
            sequence.Add(ParseInt(Field(row, cSeq, n), file, rowNumber, "stop_sequence", int.MinValue));
            // Most rows repeat the arrival as departure: parse once.
            var arrSpan = Field(row, cArr, n);
            var depSpan = Field(row, cDep, n);
            var arr = ParseTime(arrSpan, file, rowNumber, "arrival_time");
            arrival.Add(arr);
            departure.Add(depSpan.SequenceEqual(arrSpan) && arr.HasValue ? arr : ParseTime(depSpan, file, rowNumber, "departure_time"));
            dist.Add(ParseDouble(Field(row, cDist, n), file, rowNumber, "shape_dist_traveled"));
            pickup.Add(ParseEnum(Field(row, cPick, n), file, rowNumber, "pickup_type"));
            dropOff.Add(ParseEnum(Field(row, cDrop, n), file, rowNumber, "drop_off_type"));
            timepoint.Add(ParseEnum(Field(row, cTp, n), file, rowNumber, "timepoint"));
            continuousPickup.Add(ParseEnum(Field(row, cCp, n), file, rowNumber, "continuous_pickup"));
            continuousDropOff.Add(ParseEnum(Field(row, cCd, n), file, rowNumber, "continuous_drop_off"));
            var head = Field(row, cHead, n);
            headsignIndex.Add(head.IsEmpty ? 0 : headsigns.GetOrAdd(head));
            rowNumbers.Add((int)Math.Min(rowNumber, int.MaxValue));
            count++;
            if (options.Progress is not null && count % 1_000_000 == 0)
            {
                options.Progress(file, count);
            }
        }

        _files[file] = new GtfsFileInfo(file, table.Columns, count);
        return new StopTimeTable(
            tripIds, stopIds, headsigns, tripIndex.ToTrimmedArray(), stopIndex.ToTrimmedArray(), sequence.ToTrimmedArray(),
            arrival.ToTrimmedArray(), departure.ToTrimmedArray(), dist.ToTrimmedArray(), pickup.ToTrimmedArray(),
            dropOff.ToTrimmedArray(), timepoint.ToTrimmedArray(), continuousPickup.ToTrimmedArray(),
            continuousDropOff.ToTrimmedArray(), headsignIndex.ToTrimmedArray(), rowNumbers.ToTrimmedArray());
    }

    /// <summary>Rows read before the columns are sized from the file's declared length and the average row length.</summary>
    private const int SizingSampleRows = 4096;

    /// <summary>
    /// Rows expected in a file of <paramref name="declaredBytes"/> whose first rows averaged sampledChars/SizingSampleRows
    /// characters, with 2 % slack; the columns still grow past it if the estimate is low (multi-byte text, lying zip).
    /// </summary>
    private static int ExpectedRows(long declaredBytes, long sampledChars)
    {
        if (declaredBytes <= 0 || sampledChars <= 0)
        {
            return 0;
        }

        var rows = declaredBytes * 1.02 * SizingSampleRows / sampledChars;
        return (int)Math.Min(rows, Array.MaxLength / 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ShapePointTable ReadShapes()
    {
        using var table = CsvTable.Open(source, GtfsFileNames.Shapes, _issues);
        if (table is null)
        {
            return ShapePointTable.Empty;
        }

        var shapeIds = new IdPool();
        var shapeIndex = new GrowableArray<int>();
        var lat = new GrowableArray<double>();
        var lon = new GrowableArray<double>();
        var seq = new GrowableArray<int>();
        var dist = new GrowableArray<double>();
        var rowNumbers = new GrowableArray<int>();
        var cId = table.Col("shape_id");
        var cLat = table.Col("shape_pt_lat");
        var cLon = table.Col("shape_pt_lon");
        var cSeq = table.Col("shape_pt_sequence");
        var cDist = table.Col("shape_dist_traveled");
        var file = table.FileName;
        var last = -1;
        long count = 0;
        foreach (var row in table.Reader)
        {
            var rowNumber = row.RowIndex + 2L;
            var n = row.ColCount;
            if (!CheckShape(table, n, row.Span, rowNumber))
            {
                continue;
            }

            if (count >= options.MaxRowsPerFile)
            {
                ReportTooManyRows(file);
                break;
            }

            var id = Field(row, cId, n);
            last = last >= 0 && id.SequenceEqual(shapeIds[last]) ? last : Intern(shapeIds, id, file, rowNumber, "shape_id");
            shapeIndex.Add(last);
            lat.Add(ParseDouble(Field(row, cLat, n), file, rowNumber, "shape_pt_lat"));
            lon.Add(ParseDouble(Field(row, cLon, n), file, rowNumber, "shape_pt_lon"));
            seq.Add(ParseInt(Field(row, cSeq, n), file, rowNumber, "shape_pt_sequence", int.MinValue));
            dist.Add(ParseDouble(Field(row, cDist, n), file, rowNumber, "shape_dist_traveled"));
            rowNumbers.Add((int)Math.Min(rowNumber, int.MaxValue));
            count++;
        }

        _files[file] = new GtfsFileInfo(file, table.Columns, count);
        return new ShapePointTable(shapeIds, shapeIndex.ToTrimmedArray(), lat.ToTrimmedArray(), lon.ToTrimmedArray(),
            seq.ToTrimmedArray(), dist.ToTrimmedArray(), rowNumbers.ToTrimmedArray());
    }

    private static ReadOnlySpan<char> Field(nietras.SeparatedValues.SepReader.Row row, int col, int colCount) =>
        col < 0 || col >= colCount ? [] : row[col].Span;

    private int Intern(IdPool pool, ReadOnlySpan<char> id, string file, long rowNumber, string field)
    {
        var before = pool.Count;
        var index = pool.GetOrAdd(id);
        if (pool.Count > before && id.Contains('\uFFFD'))
        {
            _issues.Add(GtfsReadCodes.InvalidCharacter, GtfsIssueSeverity.Error, file, rowNumber, field, id.ToString(),
                $"{field} contains bytes that are not UTF-8.");
        }

        return index;
    }

    private int ParseInt(ReadOnlySpan<char> span, string file, long rowNumber, string field, int missing)
    {
        if (span.IsEmpty)
        {
            return missing;
        }

        if (FieldParsers.TryParseInt(span, out var v))
        {
            return v;
        }

        if (span.Trim().IsEmpty)
        {
            return missing;
        }

        _issues.Add(GtfsReadCodes.InvalidInteger, GtfsIssueSeverity.Error, file, rowNumber, field, span.ToString(), $"{field} '{span}' is not an integer.");
        return missing;
    }

    private sbyte ParseEnum(ReadOnlySpan<char> span, string file, long rowNumber, string field)
    {
        if (span.Length == 1 && (uint)(span[0] - '0') <= 9)
        {
            return (sbyte)(span[0] - '0');
        }

        var v = ParseInt(span, file, rowNumber, field, -1);
        // Out-of-range enum values are kept visible to the validator as a large marker rather than silently lost.
        return v is < -1 or > 100 ? (sbyte)100 : (sbyte)v;
    }

    private double ParseDouble(ReadOnlySpan<char> span, string file, long rowNumber, string field)
    {
        if (span.IsEmpty)
        {
            return double.NaN;
        }

        if (FieldParsers.TryParseDouble(span, out var v))
        {
            return v;
        }

        if (span.Trim().IsEmpty)
        {
            return double.NaN;
        }

        _issues.Add(GtfsReadCodes.InvalidFloat, GtfsIssueSeverity.Error, file, rowNumber, field, span.ToString(), $"{field} '{span}' is not a number.");
        return double.NaN;
    }

    private GtfsTime ParseTime(ReadOnlySpan<char> span, string file, long rowNumber, string field)
    {
        if (span.IsEmpty)
        {
            return GtfsTime.Missing;
        }

        if (GtfsTime.TryParse(span, out var t))
        {
            return t;
        }

        if (span.Trim().IsEmpty)
        {
            return GtfsTime.Missing;
        }

        _issues.Add(GtfsReadCodes.InvalidTime, GtfsIssueSeverity.Error, file, rowNumber, field, span.ToString(), $"{field} '{span}' is not an H:MM:SS time.");
        return GtfsTime.Missing;
    }
}
