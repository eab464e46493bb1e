using DataGouvTerr.GtfsKit.Validation.Input;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>Walks routes.txt for the route rules.</summary>
public abstract class RouteRowRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Index.Routes is not { } routes)
        {
            return;
        }
        for (var row = 0; row < routes.RowCount; row++)
        {
            Check(context, routes, row, notices);
        }
    }

    protected abstract void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices);

    protected static GtfsNoticeLocation At(GtfsRawTable routes, int row, string field) =>
        new(GtfsFileNames.Routes, routes.RowNumbers[row], field, routes.Get(row, field));
}

/// <summary>route_both_short_and_long_name_missing: a route needs a name riders can read.</summary>
public sealed class RouteBothShortAndLongNameMissingRule : RouteRowRule
{
    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        if (routes.Get(row, "route_short_name").Length == 0 && routes.Get(row, "route_long_name").Length == 0)
        {
            notices.Error("route_both_short_and_long_name_missing", At(routes, row, "route_id"), "Both route_short_name and route_long_name are empty.");
        }
    }
}

/// <summary>route_short_and_long_name_equal: the same text twice tells riders nothing more.</summary>
public sealed class RouteShortAndLongNameEqualRule : RouteRowRule
{
    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        var shortName = routes.Get(row, "route_short_name");
        if (shortName.Length > 0 && string.Equals(shortName, routes.Get(row, "route_long_name"), StringComparison.OrdinalIgnoreCase))
        {
            notices.Warning("route_short_and_long_name_equal", At(routes, row, "route_long_name"), "route_short_name and route_long_name are the same.");
        }
    }
}

/// <summary>route_short_name_too_long: a short name over 12 characters is not short.</summary>
public sealed class RouteShortNameTooLongRule : RouteRowRule
{
    private const int MaxLength = 12;

    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        if (routes.Get(row, "route_short_name").Length > MaxLength)
        {
            notices.Warning("route_short_name_too_long", At(routes, row, "route_short_name"), $"route_short_name is over {MaxLength} characters.");
        }
    }
}

/// <summary>route_long_name_contains_short_name: the long name repeats the short one ("12 - 12 Gare…").</summary>
public sealed class RouteLongNameContainsShortNameRule : RouteRowRule
{
    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        var shortName = routes.Get(row, "route_short_name");
        var longName = routes.Get(row, "route_long_name");
        if (shortName.Length > 0 && longName.Length > shortName.Length && longName.StartsWith(shortName, StringComparison.OrdinalIgnoreCase)
            && !char.IsLetterOrDigit(longName[shortName.Length]))
        {
            notices.Warning("route_long_name_contains_short_name", At(routes, row, "route_long_name"), "route_long_name begins with route_short_name.");
        }
    }
}

/// <summary>same_name_and_description_for_route: route_desc should add information, not repeat the name.</summary>
public sealed class SameNameAndDescriptionForRouteRule : RouteRowRule
{
    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        var description = routes.Get(row, "route_desc");
        if (description.Length > 0 && (string.Equals(description, routes.Get(row, "route_short_name"), StringComparison.OrdinalIgnoreCase)
            || string.Equals(description, routes.Get(row, "route_long_name"), StringComparison.OrdinalIgnoreCase)))
        {
            notices.Warning("same_name_and_description_for_route", At(routes, row, "route_desc"), "route_desc repeats the route's name.");
        }
    }
}

/// <summary>route_color_contrast: route_text_color on route_color is hard to read (contrast below the validator's threshold).</summary>
public sealed class RouteColorContrastRule : RouteRowRule
{
    // The MobilityData validator flags a difference of W3C perceived brightness below 72 (of 255).
    private const double MinBrightnessDifference = 72;

    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        var color = routes.Get(row, "route_color");
        var text = routes.Get(row, "route_text_color");
        if (!GtfsFieldParser.IsColor(color) || !GtfsFieldParser.IsColor(text))
        {
            return;
        }
        var difference = Math.Abs(Brightness(color) - Brightness(text));
        if (difference < MinBrightnessDifference)
        {
            notices.Warning("route_color_contrast", At(routes, row, "route_text_color"),
                $"route_text_color {text} on route_color {color} differs by {difference:0} in brightness (at least {MinBrightnessDifference} is readable).");
        }
    }

    private static double Brightness(string hex)
    {
        var rgb = Convert.FromHexString(hex);
        return ((rgb[0] * 299) + (rgb[1] * 587) + (rgb[2] * 114)) / 1000.0;
    }
}

/// <summary>duplicate_route_name: two routes of the same agency and type with the same names, likely one route split in two.</summary>
public sealed class DuplicateRouteNameRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        if (context.Index.Routes is not { } routes)
        {
            return;
        }
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var row = 0; row < routes.RowCount; row++)
        {
            var shortName = routes.Get(row, "route_short_name");
            var longName = routes.Get(row, "route_long_name");
            if (shortName.Length == 0 && longName.Length == 0)
            {
                continue;
            }
            var key = string.Join('\u001f', shortName, longName, routes.Get(row, "route_type"), routes.Get(row, "agency_id"));
            if (!seen.TryAdd(key, row))
            {
                notices.Warning("duplicate_route_name", new GtfsNoticeLocation(GtfsFileNames.Routes, routes.RowNumbers[row], "route_id", routes.Get(row, "route_id")),
                    $"Same names, type and agency as route {routes.Get(seen[key], "route_id")} (row {routes.RowNumbers[seen[key]]}).");
            }
        }
    }
}

/// <summary>same_route_and_agency_url: route_url should lead to the route's page, not the agency's home page.</summary>
public sealed class SameRouteAndAgencyUrlRule : RouteRowRule
{
    protected override void Check(GtfsValidationContext context, GtfsRawTable routes, int row, GtfsNoticeCollector notices)
    {
        var url = routes.Get(row, "route_url");
        if (url.Length == 0 || context.Feed.Table(GtfsFileNames.Agency) is not { } agencies)
        {
            return;
        }
        var agencyId = routes.Get(row, "agency_id");
        for (var a = 0; a < agencies.RowCount; a++)
        {
            if ((agencyId.Length == 0 || agencies.Get(a, "agency_id") == agencyId)
                && string.Equals(agencies.Get(a, "agency_url").TrimEnd('/'), url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                notices.Warning("same_route_and_agency_url", At(routes, row, "route_url"), "route_url is the agency_url of its agency.");
                return;
            }
        }
    }
}
