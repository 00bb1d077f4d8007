import { useMemo } from 'react'
import { echarts } from './echarts-map'
import { bboxOf, type Geometry } from './geo'
import { regionOfAdcode, useGeoJson, type GeoJson } from '../pages/cockpit/api'

const registered = new Set<string>()

/**
 * Registers a map file once as `gf-<file>`, each feature's region code in `code` (adcode is a number:
 * 331100 → '3311' in the province file, 331126 → '331126' in a city's file).
 */
export function registerRegionMap(file: string, geo: GeoJson): string {
  const name = `gf-${file}`
  if (!registered.has(name)) {
    const cityLevel = file === '330000'
    echarts.registerMap(name, {
      ...geo,
      features: geo.features.map((f) => ({ ...f, properties: { ...f.properties, code: regionOfAdcode(f.properties.adcode, cityLevel) } })),
    } as never)
    registered.add(name)
  }
  return name
}

export interface CountyGeo {
  /** The county's city, county by county (`gf-331100`): boundaries around the county too. */
  cityMap: string
  /** The county alone (`gf-county-331126`). */
  countyMap: string
  countyName: string
  geometry: Geometry
  countyBox: [[number, number], [number, number]]
  cityBox: [[number, number], [number, number]]
}

/** The boundaries of the county a region code lies in (first 6 digits), from its city's map file; null while loading or when there is none. */
export function useCountyGeo(region: string | null | undefined): { data: CountyGeo | null; isLoading: boolean } {
  const county = region && region.length >= 6 && region.startsWith('33') ? region.slice(0, 6) : null
  const file = county ? `${county.slice(0, 4)}00` : null
  const geo = useGeoJson(file)
  const data = useMemo(() => {
    if (!county || !file || !geo.data) return null
    const feature = geo.data.features.find((f) => String(f.properties.adcode) === county)
    if (!feature) return null
    const cityMap = registerRegionMap(file, geo.data)
    const countyMap = `gf-county-${county}`
    if (!registered.has(countyMap)) {
      echarts.registerMap(countyMap, { type: 'FeatureCollection', features: [{ ...feature, properties: { ...feature.properties, code: county } }] } as never)
      registered.add(countyMap)
    }
    const geometry = feature.geometry as Geometry
    const all = geo.data.features.map((f) => bboxOf(f.geometry as Geometry))
    const cityBox: CountyGeo['cityBox'] = [
      [Math.min(...all.map((b) => b[0][0])), Math.min(...all.map((b) => b[0][1]))],
      [Math.max(...all.map((b) => b[1][0])), Math.max(...all.map((b) => b[1][1]))],
    ]
    return { cityMap, countyMap, countyName: feature.properties.name, geometry, countyBox: bboxOf(geometry), cityBox }
  }, [county, file, geo.data])
  return { data, isLoading: geo.isLoading }
}

/** The county drawn alone, centred and in the county red, as the base of a map of places in it (pick-up, workshops). */
export function countyGeoLayer(geo: CountyGeo, { roam, size }: { roam: boolean; size: string }) {
  return {
    map: geo.countyMap,
    roam,
    silent: true,
    layoutCenter: ['50%', '50%'],
    layoutSize: size,
    itemStyle: { areaColor: '#fdf1ef', borderColor: '#b7312c', borderWidth: 1.5 },
  }
}
