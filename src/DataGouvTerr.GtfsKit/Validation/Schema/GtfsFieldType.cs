namespace DataGouvTerr.GtfsKit.Validation.Schema;

/// <summary>The GTFS reference's field types, plus the numeric ranges the reference states in words.</summary>
public enum GtfsFieldType
{
    Text,
    Id,
    Url,
    Email,
    PhoneNumber,
    Color,
    Date,
    Time,
    Timezone,
    LanguageCode,
    CurrencyCode,
    Integer,
    NonNegativeInteger,
    PositiveInteger,
    Float,
    NonNegativeFloat,
    PositiveFloat,
    Latitude,
    Longitude,
    Enum,
}
