#!/usr/bin/env python3
"""Generates feeds/gtfs/reseau-exemple.zip: a small synthetic GTFS network for the Rouen area.

Deterministic (no randomness, fixed zip timestamps) so the zip only changes when this script does.
Run: python3 feeds/gtfs/generate_reseau_exemple.py
Every stop lies inside the sample contract's territory and the metropole-rouen perimeter.
"""
import io
import math
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "reseau-exemple.zip")

# Lines as lists of (stop_id, name, lon, lat); real place names, synthetic positions and times.
LINES = [
    ("T1", "T1", "Boulingrin - Saint-Étienne Technopôle", 0, "E30613", "FFFFFF", [
        ("BOUL", "Boulingrin", 1.1030, 49.4480), ("BEAU", "Beauvoisine", 1.0975, 49.4460),
        ("PALJ", "Palais de Justice", 1.0925, 49.4430), ("THEA", "Théâtre des Arts", 1.0890, 49.4400),
        ("STSE", "Saint-Sever", 1.0880, 49.4320), ("JOFF", "Joffre Mutualité", 1.0870, 49.4260),
        ("SOTM", "Sotteville Mairie", 1.0900, 49.4150), ("GARE", "Sotteville Gare", 1.0930, 49.4050),
        ("MADR", "Madrillet", 1.0900, 49.3930), ("TECH", "Technopôle", 1.0860, 49.3820)]),
    ("T2", "T2", "Mont-Riboudet - Grand-Quevilly", 0, "0074B8", "FFFFFF", [
        ("RIBO", "Mont-Riboudet", 1.0700, 49.4520), ("CHBO", "Chambre de Commerce", 1.0780, 49.4440),
        ("PONT", "Pont Corneille", 1.0900, 49.4370), ("STSE", "Saint-Sever", 1.0880, 49.4320),
        ("PQMA", "Petit-Quevilly Mairie", 1.0620, 49.4180), ("PQCA", "Petit-Quevilly Caserne", 1.0520, 49.4130),
        ("GQHO", "Grand-Quevilly Hôtel de Ville", 1.0380, 49.4050), ("GQBE", "Grand-Quevilly Bel Air", 1.0250, 49.3980)]),
    ("F1", "F1", "Canteleu - Darnétal", 3, "00A651", "FFFFFF", [
        ("CANT", "Canteleu Centre", 1.0100, 49.4430), ("CROI", "Croisset", 1.0300, 49.4400),
        ("CAVE", "Cavelier de la Salle", 1.0560, 49.4430), ("VIEU", "Vieux-Marché", 1.0830, 49.4430),
        ("THEA", "Théâtre des Arts", 1.0890, 49.4400), ("HDV", "Hôtel de Ville", 1.0990, 49.4430),
        ("STMA", "Saint-Maclou", 1.1080, 49.4420), ("MART", "Martainville", 1.1160, 49.4420),
        ("DARP", "Darnétal Place", 1.1500, 49.4440), ("DARC", "Darnétal Carville", 1.1650, 49.4460)]),
    ("F2", "F2", "Déville - Mont-Saint-Aignan - Bois-Guillaume", 3, "F7941D", "000000", [
        ("MARO", "Maromme", 1.0450, 49.4780), ("DEVM", "Déville Mairie", 1.0500, 49.4700),
        ("MSAC", "Mont-Saint-Aignan Campus", 1.0700, 49.4600), ("MSAV", "Mont-Saint-Aignan Village", 1.0900, 49.4700),
        ("MSAP", "Mont-Saint-Aignan Place Colbert", 1.1000, 49.4750), ("CHUC", "Bois-Guillaume Chu", 1.1120, 49.4680),
        ("BGMA", "Bois-Guillaume Mairie", 1.1200, 49.4700), ("BGPL", "Bois-Guillaume Plaine", 1.1350, 49.4800)]),
    ("N1", "N1", "Navette Sotteville - Saint-Étienne", 3, "6D6E71", "FFFFFF", [
        ("SOTM", "Sotteville Mairie", 1.0900, 49.4150), ("SOTC", "Sotteville Cimetière", 1.0980, 49.4100),
        ("SERA", "Saint-Étienne Rive Gauche", 1.1050, 49.3900), ("SEMA", "Saint-Étienne Mairie", 1.1050, 49.3800),
        ("SEHO", "Saint-Étienne Hôpital", 1.1000, 49.3720)]),
]
SPEED_KMH = {0: 20.0, 3: 16.0}
# Weekday: every 8 min (tram) / 15 min (bus) 06:00-21:00; weekend: every 15 / 30 min 07:00-20:00.
HEADWAY_MIN = {("WEEKDAY", 0): 8, ("WEEKDAY", 3): 15, ("WEEKEND", 0): 15, ("WEEKEND", 3): 30}
SPAN = {"WEEKDAY": (6 * 60, 21 * 60), "WEEKEND": (7 * 60, 20 * 60)}


def metres(a, b):
    lat = math.radians((a[1] + b[1]) / 2)
    dx = (b[0] - a[0]) * 111320 * math.cos(lat)
    dy = (b[1] - a[1]) * 110540
    return math.hypot(dx, dy)


def hms(seconds):
    return "%02d:%02d:%02d" % (seconds // 3600, seconds % 3600 // 60, seconds % 60)


def csv(rows):
    def cell(v):
        s = str(v)
        return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s
    return "".join(",".join(cell(v) for v in r) + "\r\n" for r in rows)


def build():
    files = {}
    files["agency.txt"] = csv([["agency_id", "agency_name", "agency_url", "agency_timezone", "agency_lang", "agency_phone"],
                               ["ASTUCE", "Réseau Astuce (exemple)", "https://example.org/astuce", "Europe/Paris", "fr", "+33 2 35 00 00 00"]])
    stops = {}
    for line in LINES:
        for sid, name, lon, lat in line[6]:
            stops.setdefault(sid, (name, lon, lat))
    files["stops.txt"] = csv([["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "wheelchair_boarding"]] +
                             [[sid, n, "%.6f" % lat, "%.6f" % lon, 0, 1] for sid, (n, lon, lat) in sorted(stops.items())])
    files["routes.txt"] = csv([["route_id", "agency_id", "route_short_name", "route_long_name", "route_type", "route_color", "route_text_color"]] +
                              [[rid, "ASTUCE", short, long_, rtype, col, tcol] for rid, short, long_, rtype, col, tcol, _ in LINES])
    files["calendar.txt"] = csv([["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "start_date", "end_date"],
                                 ["WEEKDAY", 1, 1, 1, 1, 1, 0, 0, "20260101", "20271231"],
                                 ["WEEKEND", 0, 0, 0, 0, 0, 1, 1, "20260101", "20271231"]])
    # Public holidays 2026: weekday service replaced by weekend service (a realistic calendar_dates use).
    holidays = ["20260101", "20260406", "20260501", "20260508", "20260514", "20260525", "20260714", "20261111", "20261225"]
    cd = [["service_id", "date", "exception_type"]]
    for d in holidays:
        cd += [["WEEKDAY", d, 2], ["WEEKEND", d, 1]]
    files["calendar_dates.txt"] = csv(cd)
    shapes = [["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled"]]
    trips = [["route_id", "service_id", "trip_id", "trip_headsign", "direction_id", "shape_id"]]
    stop_times = [["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "shape_dist_traveled"]]
    for rid, short, long_, rtype, col, tcol, path in LINES:
        for direction in (0, 1):
            seq = path if direction == 0 else list(reversed(path))
            shape_id = "%s_%d" % (rid, direction)
            # Shape: the stops plus a midpoint between each pair, so the line is a real polyline.
            pts, dist = [], [0.0]
            for i, (_, _, lon, lat) in enumerate(seq):
                if i > 0:
                    plon, plat = seq[i - 1][2], seq[i - 1][3]
                    pts.append((plon + (lon - plon) / 2 + 0.0004, plat + (lat - plat) / 2))
                pts.append((lon, lat))
            cum = 0.0
            for i, p in enumerate(pts):
                if i > 0:
                    cum += metres(pts[i - 1], p)
                shapes.append([shape_id, "%.6f" % p[1], "%.6f" % p[0], i + 1, "%.1f" % cum])
            # Stop distances along the shape: stops are at even indexes of pts.
            stop_dist, cum = [0.0], 0.0
            for i in range(1, len(pts)):
                cum += metres(pts[i - 1], pts[i])
                if i % 2 == 0:
                    stop_dist.append(cum)
            for service in ("WEEKDAY", "WEEKEND"):
                start, end = SPAN[service]
                headway = HEADWAY_MIN[(service, rtype)]
                n = 0
                for dep in range(start, end + 1, headway):
                    n += 1
                    trip_id = "%s_%s_%d_%03d" % (rid, "WD" if service == "WEEKDAY" else "WE", direction, n)
                    trips.append([rid, service, trip_id, seq[-1][1], direction, shape_id])
                    t = dep * 60
                    for k, (sid, _, _, _) in enumerate(seq):
                        if k > 0:
                            leg = stop_dist[k] - stop_dist[k - 1]
                            t += int(round(leg / (SPEED_KMH[rtype] / 3.6) / 30.0)) * 30 + 30
                        arr = t
                        dwt = t + (30 if 0 < k < len(seq) - 1 else 0)
                        stop_times.append([trip_id, hms(arr), hms(dwt), sid, k + 1, "%.1f" % stop_dist[k]])
                        t = dwt
    files["shapes.txt"] = csv(shapes)
    files["trips.txt"] = csv(trips)
    files["stop_times.txt"] = csv(stop_times)
    files["feed_info.txt"] = csv([["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date", "feed_end_date", "feed_version", "feed_contact_email"],
                                  ["DataGouvTerr (synthetic sample)", "https://example.org/datagouvterr", "fr", "20260101", "20271231", "2026.1", "contact@example.org"]])
    return files


def main():
    files = build()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name].encode("utf-8"))
    with open(OUT, "wb") as f:
        f.write(buf.getvalue())
    print("wrote %s (%d stops, %d stop_times)" % (OUT, files["stops.txt"].count("\n") - 1, files["stop_times.txt"].count("\n") - 1))


if __name__ == "__main__":
    main()
