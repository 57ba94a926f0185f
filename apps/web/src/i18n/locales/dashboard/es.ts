// The dashboard screen's messages (es).
import type { Messages } from '../../messages';

export default {
  title: 'Panel',
  retrying: 'Nuevo intento en {seconds} s.',
  updatedAt: 'Actualizado a las {time}',
  department: { label: 'Departamento', all: 'Todos los departamentos' },
  range: {
    label: 'Período',
    today: 'Hoy',
    last7: 'Últimos 7 días',
    last30: 'Últimos 30 días',
    custom: 'Personalizado',
    from: 'Desde',
    to: 'Hasta',
    invalid: 'El primer día no puede ser posterior al último.',
  },
  tiles: {
    title: 'Conversaciones',
    open: 'Abiertas ahora',
    inProgress: 'En curso',
    waiting: 'Esperando al cliente',
    overdue: 'Vencidas',
    opened: 'Abiertas en el período',
    closed: 'Cerradas en el período',
  },
  csv: {
    export: 'CSV',
    exportOf: 'Exportar {report} en CSV',
    failed: 'La exportación falló: {reason}',
  },
  table: { show: 'Mostrar las cifras en una tabla' },
  groups: {
    label: 'Por',
    labelOf: '{report}: agrupar por',
    agent: 'Agente',
    team: 'Equipo',
    department: 'Departamento',
    number: 'Número',
  },
  backlog: {
    title: 'Pendientes por etapa',
    chart:
      'Gráfico de barras de las conversaciones abiertas por etapa. Las cifras están en la tabla de abajo.',
    department: 'Departamento',
    stage: 'Etapa',
    count: 'Abiertas',
    noStage: 'Sin tarjeta',
    empty: 'No hay conversaciones abiertas.',
  },
  times: {
    title: 'Tiempos de respuesta y resolución',
    first: 'Primera respuesta',
    next: 'Respuestas siguientes',
    resolution: 'Resolución',
    count: 'Cantidad',
    median: 'Mediana',
    p90: 'Percentil 90',
    none: 'Ninguno',
    empty: 'No se midió nada en este período.',
    precision:
      'Tiempo hábil. Cada duración se redondea con un error de hasta {percent} % antes de calcular la mediana y el percentil 90; las cantidades son exactas.',
    rule: 'Cómo se redondean las duraciones',
  },
  sla: {
    title: 'SLA cumplido',
    chart:
      'Gráfico de barras apiladas de los plazos de SLA cumplidos e incumplidos. Las cifras están en la tabla de abajo.',
    met: 'Cumplidos',
    breached: 'Incumplidos',
    percent: '% cumplido',
    empty: 'Ningún plazo de SLA terminó en este período.',
  },
  volume: {
    title: 'Mensajes por número y hora',
    chart:
      'Gráfico de barras apiladas de los mensajes por hora, un color por número. Las cifras están en la tabla de abajo.',
    number: 'Número',
    hour: 'Hora',
    inbound: 'Recibidos',
    outbound: 'Enviados',
    empty: 'No hay mensajes en este período.',
  },
} satisfies Messages['dashboard'];
