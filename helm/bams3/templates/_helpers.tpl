{{/* Chart name. */}}
{{- define "bams3.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's resources. */}}
{{- define "bams3.fullname" -}}
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

{{/* Labels on every resource. */}}
{{- define "bams3.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "bams3.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the server pods. */}}
{{- define "bams3.selectorLabels" -}}
app.kubernetes.io/name: {{ include "bams3.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end }}

{{/* ServiceAccount name. */}}
{{- define "bams3.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "bams3.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference. */}}
{{- define "bams3.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/* S3 credentials and endpoint as environment variables (server and conversion pods). */}}
{{- define "bams3.s3Env" -}}
{{- with .Values.s3Credentials.existingSecret }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3Credentials.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.s3Credentials.secretAccessKeyKey }}
{{- end }}
{{- with .Values.bams3.s3.endpointUrl }}
- name: AWS_ENDPOINT_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.bams3.s3.region }}
- name: AWS_REGION
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Seconds of the shutdown grace period ("30s", "2m"). */}}
{{- define "bams3.shutdownSeconds" -}}
{{- $v := toString .Values.bams3.shutdownGracePeriod }}
{{- if hasSuffix "m" $v }}{{ mul (trimSuffix "m" $v | int) 60 }}{{ else }}{{ trimSuffix "s" $v | int }}{{ end }}
{{- end }}

{{/* Access control mode, lower case: none or jwt. */}}
{{- define "bams3.authMode" -}}
{{- .Values.bams3.auth.mode | default "none" | toString | lower }}
{{- end }}

{{/* Audiences as a list (a single string is one audience). */}}
{{- define "bams3.audiences" -}}
{{- $aud := .Values.bams3.auth.audiences | default list }}
{{- if kindIs "string" $aud }}{{ $aud = list $aud }}{{ end }}
{{- toJson $aud }}
{{- end }}

{{/*
Settings the server would refuse at start-up, refused at render time instead. Secrets never come
from values: the data URL signing key is read from an existing Secret.
*/}}
{{- define "bams3.checkSettings" -}}
{{- $mode := include "bams3.authMode" . }}
{{- $auth := .Values.bams3.auth }}
{{- $signing := .Values.bams3.tickets.dataUrlSecret }}
{{- if not (kindIs "map" $signing) }}
{{- fail "bams3.tickets.dataUrlSecret names an existing Secret (name, key), it never holds the secret itself: create one with kubectl create secret generic bams3-url-signing --from-literal=data-url-secret=\"$(openssl rand -base64 32)\" and set bams3.tickets.dataUrlSecret.name=bams3-url-signing" }}
{{- end }}
{{- if not (has $mode (list "none" "jwt")) }}
{{- fail (printf "bams3.auth.mode is %q; it must be none or jwt" (toString $auth.mode)) }}
{{- end }}
{{- if eq $mode "jwt" }}
{{- if not $signing.name }}
{{- fail "bams3.auth.mode=jwt needs signed data URLs (clients do not send tokens there), but bams3.tickets.dataUrlSecret.name is empty: create a Secret with at least 16 random characters, e.g. kubectl create secret generic bams3-url-signing --from-literal=data-url-secret=\"$(openssl rand -base64 32)\", and set bams3.tickets.dataUrlSecret.name=bams3-url-signing" }}
{{- end }}
{{- if not (or $auth.issuerUri $auth.jwkSetUri) }}
{{- fail "bams3.auth.mode=jwt but no token issuer is configured: set bams3.auth.issuerUri to your OpenID Connect provider's issuer URL (Keycloak: https://HOST/realms/REALM), or bams3.auth.jwkSetUri to its JWKS URL" }}
{{- end }}
{{- if not (include "bams3.audiences" . | fromJsonArray) }}
{{- fail "bams3.auth.mode=jwt but bams3.auth.audiences is empty, so tokens minted for other services would be accepted: set it to the aud your provider puts in tokens for this server (e.g. bams3-htsget)" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The data URL signing keys as environment variables, from the Secret (never from values). */}}
{{- define "bams3.dataUrlSecretEnv" -}}
{{- with .Values.bams3.tickets.dataUrlSecret }}
{{- if .name }}
- name: BAMS3_TICKETS_DATAURLSECRET
  valueFrom:
    secretKeyRef:
      name: {{ .name }}
      key: {{ .key }}
{{- range $i, $key := .previousKeys }}
- name: BAMS3_TICKETS_DATAURLPREVIOUSSECRETS_{{ $i }}
  valueFrom:
    secretKeyRef:
      name: {{ $.Values.bams3.tickets.dataUrlSecret.name }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
