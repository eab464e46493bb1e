namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>UUIDs drawn from the simulation's seeded random source, so the same seed gives the same ids.</summary>
internal static class SeededIds
{
    public static Guid Next(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // RFC 9562 version 4 and variant bits, so validators that check the UUID form accept them.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
