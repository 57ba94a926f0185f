// The inbox list's filters, sorts and saved filters (pt-BR).
export default {
  /** The row's badge, for screen readers (the badge shows the number). */
  unread: '{count} não lidas',
  rows: '{count} conversas carregadas',
  filters: {
    label: 'Filtrar conversas',
    toggle: 'Filtros salvos',
    search: 'Buscar',
    searchHint: 'Nome ou telefone',
    sort: 'Ordenar por',
    sla: 'Estado do SLA',
    any: 'Qualquer',
    department: 'Departamento',
    number: 'Número',
    stage: 'Etapa',
    priority: 'Prioridade',
    labelFilter: 'Etiqueta',
  },
  sla: {
    red: '🔴 Atrasada',
    yellow: '🟡 Aguardando',
    green: '🟢 Respondida',
  },
  priority: {
    urgent: 'Urgente',
    high: 'Alta',
    normal: 'Normal',
    low: 'Baixa',
  },
  sort: {
    recent: 'Atividade mais recente',
    waiting: 'Esperando há mais tempo',
    deadline: 'Prazo mais próximo',
  },
  saved: {
    label: 'Filtros salvos',
    choose: 'Usar um filtro salvo',
    none: 'Escolha…',
    remove: 'Excluir',
    name: 'Salvar o atual como',
    save: 'Salvar',
  },
};
