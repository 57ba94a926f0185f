// The dashboard screen's messages (pt-BR).
import type { Messages } from '../../messages';

export default {
  title: 'Painel',
  retrying: 'Nova tentativa em {seconds} s.',
  updatedAt: 'Atualizado às {time}',
  department: { label: 'Departamento', all: 'Todos os departamentos' },
  range: {
    label: 'Período',
    today: 'Hoje',
    last7: 'Últimos 7 dias',
    last30: 'Últimos 30 dias',
    custom: 'Personalizado',
    from: 'De',
    to: 'Até',
    invalid: 'O primeiro dia não pode ser depois do último.',
  },
  tiles: {
    title: 'Conversas',
    open: 'Abertas agora',
    inProgress: 'Em andamento',
    waiting: 'Aguardando o cliente',
    overdue: 'Atrasadas',
    opened: 'Abertas no período',
    closed: 'Encerradas no período',
  },
  csv: {
    export: 'CSV',
    exportOf: 'Exportar {report} em CSV',
    failed: 'A exportação falhou: {reason}',
  },
  table: { show: 'Mostrar os números em tabela' },
  groups: {
    label: 'Por',
    labelOf: '{report}: agrupar por',
    agent: 'Agente',
    team: 'Equipe',
    department: 'Departamento',
    number: 'Número',
  },
  backlog: {
    title: 'Pendências por etapa',
    chart: 'Gráfico de barras das conversas abertas por etapa. Os números estão na tabela abaixo.',
    department: 'Departamento',
    stage: 'Etapa',
    count: 'Abertas',
    noStage: 'Sem cartão',
    empty: 'Nenhuma conversa aberta.',
  },
  times: {
    title: 'Tempos de resposta e resolução',
    first: 'Primeira resposta',
    next: 'Respostas seguintes',
    resolution: 'Resolução',
    count: 'Quantidade',
    median: 'Mediana',
    p90: 'Percentil 90',
    none: 'Nenhum',
    empty: 'Nada foi medido neste período.',
    precision:
      'Tempo útil. Cada duração é arredondada com erro de até {percent} % antes de calcular a mediana e o percentil 90; as quantidades são exatas.',
    rule: 'Como as durações são arredondadas',
  },
  sla: {
    title: 'SLA cumprido',
    chart:
      'Gráfico de barras empilhadas dos prazos de SLA cumpridos e estourados. Os números estão na tabela abaixo.',
    met: 'Cumpridos',
    breached: 'Estourados',
    percent: '% cumprido',
    empty: 'Nenhum prazo de SLA terminou neste período.',
  },
  volume: {
    title: 'Mensagens por número e hora',
    chart:
      'Gráfico de barras empilhadas das mensagens por hora, uma cor por número. Os números estão na tabela abaixo.',
    number: 'Número',
    hour: 'Hora',
    inbound: 'Recebidas',
    outbound: 'Enviadas',
    empty: 'Nenhuma mensagem neste período.',
  },
} satisfies Messages['dashboard'];
