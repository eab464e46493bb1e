using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>inconsistent_agency_timezone: all agencies of a feed must share one time zone.</summary>
public sealed class InconsistentAgencyTimezoneRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Agency) is not { RowCount: > 1 } agencies)
        {
            return;
        }
        var first = agencies.Get(0, "agency_timezone");
        for (var row = 1; row < agencies.RowCount; row++)
        {
            var zone = agencies.Get(row, "agency_timezone");
            if (zone.Length > 0 && first.Length > 0 && zone != first)
            {
                notices.Error("inconsistent_agency_timezone", new GtfsNoticeLocation(GtfsFileNames.Agency, agencies.RowNumbers[row], "agency_timezone", zone),
                    $"agency_timezone {zone} differs from the first agency's {first}; all agencies must share one.");
            }
        }
    }
}

/// <summary>inconsistent_agency_lang: agencies that give a language should give the same one.</summary>
public sealed class InconsistentAgencyLangRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Agency) is not { RowCount: > 1 } agencies)
        {
            return;
        }
        string? first = null;
        for (var row = 0; row < agencies.RowCount; row++)
        {
            var lang = agencies.Get(row, "agency_lang");
            if (lang.Length == 0)
            {
                continue;
            }
            first ??= lang;
            if (!string.Equals(lang, first, StringComparison.OrdinalIgnoreCase))
            {
                notices.Warning("inconsistent_agency_lang", new GtfsNoticeLocation(GtfsFileNames.Agency, agencies.RowNumbers[row], "agency_lang", lang),
                    $"agency_lang {lang} differs from {first}.");
            }
        }
    }
}

/// <summary>missing_required_field: with several agencies, agency_id is required in agency.txt and routes.txt (and recommended with one).</summary>
public sealed class AgencyIdRequiredRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Feed.Table(GtfsFileNames.Agency) is not { } agencies)
        {
            return;
        }
        var several = agencies.RowCount > 1;
        if (several)
        {
            Report(agencies);
        }
        if (context.Index.Routes is { } routes)
        {
            if (several)
            {
                Report(routes);
            }
            else if (agencies.RowCount == 1 && agencies.Get(0, "agency_id").Length > 0)
            {
                for (var row = 0; row < routes.RowCount; row++)
                {
                    if (routes.Get(row, "agency_id").Length == 0)
                    {
                        notices.Warning("missing_recommended_field", new GtfsNoticeLocation(GtfsFileNames.Routes, routes.RowNumbers[row], "agency_id"),
                            "agency_id is recommended on routes when agency.txt gives one.");
                    }
                }
            }
        }

        void Report(GtfsRawTable table)
        {
            for (var row = 0; row < table.RowCount; row++)
            {
                if (table.Get(row, "agency_id").Length == 0)
                {
                    notices.Error("missing_required_field", new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], "agency_id"),
                        "agency_id is required when the feed has several agencies.");
                }
            }
        }
    }
}
