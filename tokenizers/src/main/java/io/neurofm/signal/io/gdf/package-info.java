/**
 * GDF 1.x and 2.x (General Data Format for biosignals) reading: {@link io.neurofm.signal.io.gdf.GdfReader}
 * parses the fixed, variable and tagged headers and the event table on open;
 * {@link io.neurofm.signal.io.gdf.GdfFile} reads windows record by record;
 * {@link io.neurofm.signal.io.gdf.GdfEventCodes} names the standard event codes.
 */
package io.neurofm.signal.io.gdf;
