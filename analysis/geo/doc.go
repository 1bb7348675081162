// Package geo puts participants in census tracts when the participant file
// has no tract_geoid: from geocoded coordinates by point-in-polygon against a
// tract boundary file (GeoJSON, longitude/latitude), or from ZIP codes by
// fractional allocation with the HUD USPS ZIP–tract crosswalk.
//
// Boundaries are parsed with github.com/paulmach/orb/geojson. The
// point-in-polygon test and the spatial index (a uniform grid of bounding
// boxes) are our own, because orb has neither an index nor a half-open
// boundary rule: see Boundaries.Locate for the rule, which assigns a point on
// an edge shared by two tracts to exactly one of them.
package geo
