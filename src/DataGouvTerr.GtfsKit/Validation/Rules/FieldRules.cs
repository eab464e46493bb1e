using DataGouvTerr.GtfsKit.Validation.Input;
using DataGouvTerr.GtfsKit.Validation.Schema;

namespace DataGouvTerr.GtfsKit.Validation.Rules;

/// <summary>
/// Base of the rules that check one field format on every text table. stop_times.txt is not among them: its
/// fields are checked by the loader while it converts them, since its raw text is not kept.
/// </summary>
public abstract class FieldFormatRule : IGtfsRule
{
    protected abstract string Code { get; }

    protected virtual GtfsNoticeSeverity Severity => GtfsNoticeSeverity.Error;

    protected abstract bool AppliesTo(GtfsFieldSpec field);

    /// <summary>Null when the value is fine, else the sentence saying why it is not.</summary>
    protected abstract string? Problem(GtfsFieldSpec field, string value);

    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var table in context.Feed.Tables.Values)
        {
            if (GtfsSchema.Find(table.FileName) is not { } spec)
            {
                continue;
            }
            foreach (var field in spec.Fields.Where(AppliesTo))
            {
                if (table.Column(field.Name) is not { } values)
                {
                    continue;
                }
                for (var row = 0; row < values.Count; row++)
                {
                    if (values[row].Length > 0 && Problem(field, values[row]) is { } problem)
                    {
                        notices.Add(Code, Severity, new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], field.Name, values[row]), problem);
                    }
                }
            }
        }
    }
}

/// <summary>invalid_integer: an integer or enum field that does not hold an integer.</summary>
public sealed class InvalidIntegerRule : FieldFormatRule
{
    protected override string Code => "invalid_integer";

    protected override bool AppliesTo(GtfsFieldSpec field) =>
        field.Type is GtfsFieldType.Integer or GtfsFieldType.NonNegativeInteger or GtfsFieldType.PositiveInteger or GtfsFieldType.Enum;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.TryParseInt(value, out _) ? null : $"{field.Name} must be an integer.";
}

/// <summary>invalid_float: a decimal or coordinate field that does not hold a number.</summary>
public sealed class InvalidFloatRule : FieldFormatRule
{
    protected override string Code => "invalid_float";

    protected override bool AppliesTo(GtfsFieldSpec field) =>
        field.Type is GtfsFieldType.Float or GtfsFieldType.NonNegativeFloat or GtfsFieldType.PositiveFloat
            or GtfsFieldType.Latitude or GtfsFieldType.Longitude;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.TryParseDouble(value, out _) ? null : $"{field.Name} must be a number.";
}

/// <summary>number_out_of_range: latitude beyond ±90, longitude beyond ±180, a negative or non-positive count.</summary>
public sealed class NumberOutOfRangeRule : FieldFormatRule
{
    protected override string Code => "number_out_of_range";

    protected override bool AppliesTo(GtfsFieldSpec field) =>
        field.Type is GtfsFieldType.Latitude or GtfsFieldType.Longitude or GtfsFieldType.NonNegativeFloat
            or GtfsFieldType.PositiveFloat or GtfsFieldType.NonNegativeInteger or GtfsFieldType.PositiveInteger;

    protected override string? Problem(GtfsFieldSpec field, string value)
    {
        if (!GtfsFieldParser.TryParseDouble(value, out var v))
        {
            return null;
        }
        return field.Type switch
        {
            GtfsFieldType.Latitude when Math.Abs(v) > 90 => $"{field.Name} must be between -90 and 90.",
            GtfsFieldType.Longitude when Math.Abs(v) > 180 => $"{field.Name} must be between -180 and 180.",
            GtfsFieldType.NonNegativeFloat or GtfsFieldType.NonNegativeInteger when v < 0 => $"{field.Name} must not be negative.",
            GtfsFieldType.PositiveFloat or GtfsFieldType.PositiveInteger when v <= 0 => $"{field.Name} must be greater than 0.",
            _ => null,
        };
    }
}

/// <summary>unexpected_enum_value: an integer that is not one of the values the reference lists for the field.</summary>
public sealed class UnexpectedEnumValueRule : FieldFormatRule
{
    protected override string Code => "unexpected_enum_value";

    protected override GtfsNoticeSeverity Severity => GtfsNoticeSeverity.Warning;

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Enum;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.TryParseInt(value, out var v) && !field.EnumValues!.Contains(v)
            ? $"{field.Name} must be one of {string.Join(", ", field.EnumValues.Order())}."
            : null;
}

/// <summary>invalid_date: not a real date written YYYYMMDD.</summary>
public sealed class InvalidDateRule : FieldFormatRule
{
    protected override string Code => "invalid_date";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Date;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.TryParseDate(value, out _) ? null : $"{field.Name} must be a date written YYYYMMDD.";
}

/// <summary>invalid_time: not a time written H:MM:SS or HH:MM:SS (hours may exceed 24).</summary>
public sealed class InvalidTimeRule : FieldFormatRule
{
    protected override string Code => "invalid_time";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Time;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.TryParseTime(value, out _) ? null : $"{field.Name} must be a time written HH:MM:SS.";
}

/// <summary>invalid_color: not six hexadecimal digits (no '#').</summary>
public sealed class InvalidColorRule : FieldFormatRule
{
    protected override string Code => "invalid_color";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Color;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.IsColor(value) ? null : $"{field.Name} must be six hexadecimal digits such as FFFFFF.";
}

/// <summary>invalid_url: not an absolute http or https URL.</summary>
public sealed class InvalidUrlRule : FieldFormatRule
{
    protected override string Code => "invalid_url";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Url;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.IsUrl(value) ? null : $"{field.Name} must be a full URL starting with http:// or https://.";
}

/// <summary>invalid_email: not an e-mail address.</summary>
public sealed class InvalidEmailRule : FieldFormatRule
{
    protected override string Code => "invalid_email";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Email;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.IsEmail(value) ? null : $"{field.Name} must be an e-mail address.";
}

/// <summary>invalid_phone_number: characters a phone number does not hold, or fewer than three digits.</summary>
public sealed class InvalidPhoneNumberRule : FieldFormatRule
{
    protected override string Code => "invalid_phone_number";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.PhoneNumber;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        GtfsFieldParser.IsPhoneNumber(value) ? null : $"{field.Name} must be a phone number.";
}

/// <summary>invalid_timezone: not a time zone of the IANA database (e.g. Europe/Paris); needs the system's tzdata.</summary>
public sealed class InvalidTimezoneRule : FieldFormatRule
{
    protected override string Code => "invalid_timezone";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.Timezone;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        value.Contains('/', StringComparison.Ordinal) || value == "UTC"
            ? TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) ? null : $"{field.Name} '{value}' is not an IANA time zone."
            : $"{field.Name} must be an IANA time zone such as Europe/Paris.";
}

/// <summary>invalid_language_code: not an IETF BCP 47 tag whose language is an ISO 639 code.</summary>
public sealed class InvalidLanguageCodeRule : FieldFormatRule
{
    protected override string Code => "invalid_language_code";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.LanguageCode;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        IsoCodes.IsLanguageTag(value) ? null : $"{field.Name} must be a BCP 47 language tag such as fr or fr-FR.";
}

/// <summary>invalid_currency: not an ISO 4217 currency code.</summary>
public sealed class InvalidCurrencyRule : FieldFormatRule
{
    protected override string Code => "invalid_currency";

    protected override bool AppliesTo(GtfsFieldSpec field) => field.Type == GtfsFieldType.CurrencyCode;

    protected override string? Problem(GtfsFieldSpec field, string value) =>
        IsoCodes.Currencies.Contains(value) ? null : $"{field.Name} must be an ISO 4217 currency code such as EUR.";
}

/// <summary>missing_required_field: a required value left empty.</summary>
public sealed class MissingRequiredFieldRule : IGtfsRule
{
    public void Run(GtfsValidationContext context, GtfsNoticeCollector notices)
    {
        foreach (var table in context.Feed.Tables.Values)
        {
            if (GtfsSchema.Find(table.FileName) is not { } spec)
            {
                continue;
            }
            foreach (var field in spec.Fields.Where(f => f.Required))
            {
                if (table.Column(field.Name) is not { } values)
                {
                    continue;
                }
                for (var row = 0; row < values.Count; row++)
                {
                    if (values[row].Length == 0)
                    {
                        notices.Error("missing_required_field", new GtfsNoticeLocation(table.FileName, table.RowNumbers[row], field.Name),
                            $"{field.Name} is required and empty.");
                    }
                }
            }
        }
    }
}
