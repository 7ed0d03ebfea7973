/**
 * Electrode names and positions: reading channel labels ({@link io.neurofm.montage.ChannelNames}),
 * the standard 10-20/10-10/10-05 montages ({@link io.neurofm.montage.StandardMontage}, positions
 * from MNE-Python in its head frame), user channel maps ({@link io.neurofm.montage.ChannelMap}),
 * and fitting a recording to a model's channel list ({@link io.neurofm.montage.ChannelMapper}),
 * with spherical-spline interpolation of missing channels as MNE-Python implements it.
 */
package io.neurofm.montage;
