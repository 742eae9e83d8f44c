import type { Component } from 'vue'
import {
  Avatar,
  Briefcase,
  Cloudy,
  FirstAidKit,
  Grape,
  House,
  Lightning,
  Lock,
  MapLocation,
  Money,
  More,
  OfficeBuilding,
  Reading,
  Shop,
  Suitcase,
  Sunny,
  Ticket,
  TrendCharts,
  User,
  Van,
  Warning,
} from '@element-plus/icons-vue'

/** An icon per subject code of the catalog vocabulary (src/catalog/vocabulary.cpp). */
export const SUBJECT_ICONS: Record<string, Component> = {
  government: OfficeBuilding,
  economy: TrendCharts,
  finance: Money,
  market: Shop,
  enterprise: Suitcase,
  transport: Van,
  geography: MapLocation,
  resources: Lightning,
  environment: Sunny,
  meteorology: Cloudy,
  population: User,
  labour: Briefcase,
  health: FirstAidKit,
  education: Reading,
  culture: Ticket,
  housing: House,
  agriculture: Grape,
  safety: Lock,
  emergency: Warning,
  social: Avatar,
  other: More,
}

export function subjectIcon(code: string): Component {
  return SUBJECT_ICONS[code] ?? More
}

/** Element Plus tag type for an open attribute code. */
export function openTagType(code: string): 'success' | 'warning' | 'info' {
  if (code === 'unconditional') return 'success'
  if (code === 'conditional') return 'warning'
  return 'info'
}
