import axios from 'axios'

export const api = axios.create({
  baseURL: import.meta.env.VITE_API_URL ?? 'http://localhost:8000/api/v1',
})

api.interceptors.request.use((config) => {
  const token = localStorage.getItem('access_token')
  if (token) {
    config.headers.Authorization = `Bearer ${token}`
  }
  return config
})

export interface ArtifactSummary {
  id: string
  name: string
  type: string
  description: string | null
  version_count: number
  latest_version: number | null
}

export async function listModels(projectId: string): Promise<ArtifactSummary[]> {
  const { data } = await api.get('/artifacts', { params: { project_id: projectId, type: 'model' } })
  return data.items
}

export async function setAlias(versionId: string, alias: string): Promise<void> {
  await api.post(`/artifacts/versions/${versionId}/aliases`, { alias })
}
