// The inbox list's filters, sorts and saved filters (es).
export default {
  /** The row's badge, for screen readers (the badge shows the number). */
  unread: '{count} sin leer',
  rows: '{count} conversaciones cargadas',
  filters: {
    label: 'Filtrar conversaciones',
    toggle: 'Filtros guardados',
    search: 'Buscar',
    searchHint: 'Nombre o teléfono',
    sort: 'Ordenar por',
    sla: 'Estado del SLA',
    any: 'Cualquiera',
    department: 'Departamento',
    number: 'Número',
    stage: 'Etapa',
    priority: 'Prioridad',
    labelFilter: 'Etiqueta',
  },
  sla: {
    red: '🔴 Vencida',
    yellow: '🟡 En espera',
    green: '🟢 Respondida',
  },
  priority: {
    urgent: 'Urgente',
    high: 'Alta',
    normal: 'Normal',
    low: 'Baja',
  },
  sort: {
    recent: 'Actividad más reciente',
    waiting: 'Esperando hace más tiempo',
    deadline: 'Plazo más cercano',
  },
  saved: {
    label: 'Filtros guardados',
    choose: 'Usar un filtro guardado',
    none: 'Elige…',
    remove: 'Eliminar',
    name: 'Guardar el actual como',
    save: 'Guardar',
  },
};
