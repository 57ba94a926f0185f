{{/* Chart name, truncated to the 63 characters Kubernetes allows in a name. */}}
{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name. */}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels; the caller adds app.kubernetes.io/component (api or worker). */}}
{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "switchboard.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Environment shared by the api and the worker; secrets come from env.existingSecret. */}}
{{- define "switchboard.env" -}}
{{- $secret := required "env.existingSecret must name a Secret holding DATABASE_URL, SWITCHBOARD_ENCRYPTION_KEY, ..." .Values.env.existingSecret -}}
- name: NODE_ENV
  value: production
- name: PORT
  value: {{ .Values.service.port | quote }}
- name: LOG_LEVEL
  value: {{ .Values.env.logLevel | quote }}
- name: SWITCHBOARD__SERVER__TRUST_PROXY_HOPS
  value: {{ .Values.trustProxyHops | quote }}
- name: SWITCHBOARD__MEDIA__STORAGE_DIR
  value: {{ .Values.media.mountPath | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.env.databaseUrlKey }}
- name: SWITCHBOARD_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.env.encryptionKeyKey }}
{{- if .Values.env.redisUrlKey }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.env.redisUrlKey }}
      optional: true
{{- end }}
{{- if .Values.env.adminEmailKey }}
- name: SWITCHBOARD_ADMIN_EMAIL
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.env.adminEmailKey }}
      optional: true
{{- end }}
{{- if .Values.env.adminPasswordKey }}
- name: SWITCHBOARD_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .Values.env.adminPasswordKey }}
      optional: true
{{- end }}
{{- with .Values.env.extra }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The media volume, shared by api and worker (see values.media). */}}
{{- define "switchboard.mediaVolume" -}}
- name: media
{{- if .Values.media.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .Values.media.existingClaim }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- end }}
