namespace DataGouvTerr.Domain.Mds.Simulation;

/// <summary>A place where trips start and end more often (a station, the centre, a campus); weights are relative.</summary>
public sealed record Hotspot(string Name, GpsPoint Location, double Weight);
