import { useEffect, useState } from 'react'
import { Button, Card, Input, Space, Table, Tag, message } from 'antd'
import { listModels, setAlias, type ArtifactSummary } from '../services/api'

const API_URL = import.meta.env.VITE_API_URL ?? 'http://localhost:8000/api/v1'

export default function ModelRegistryPage() {
  const [projectId, setProjectId] = useState<string>('')
  const [models, setModels] = useState<ArtifactSummary[]>([])
  const [loading, setLoading] = useState(false)

  useEffect(() => {
    if (!projectId) return
    setLoading(true)
    listModels(projectId)
      .then(setModels)
      .catch(() => message.error('Failed to load models'))
      .finally(() => setLoading(false))
  }, [projectId])

  const downloadVersion = async (versionId: string) => {
    const token = localStorage.getItem('access_token')
    const res = await fetch(`${API_URL}/artifacts/versions/${versionId}/files`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    if (!res.ok) {
      message.error('Download failed')
      return
    }
    const files = await res.json()
    message.success(`${files.length} files ready`)
  }

  const promote = async (versionId: string) => {
    await setAlias(versionId, 'production')
    message.success('Promoted to production')
  }

  return (
    <Card title="Model Registry">
      <Space style={{ marginBottom: 16 }}>
        <Input placeholder="Project ID" value={projectId} onChange={(e) => setProjectId(e.target.value)} />
      </Space>
      <Table<ArtifactSummary>
        rowKey="id"
        loading={loading}
        dataSource={models}
        columns={[
          { title: 'Name', dataIndex: 'name' },
          { title: 'Type', dataIndex: 'type', render: (t: string) => <Tag>{t}</Tag> },
          { title: 'Versions', dataIndex: 'version_count' },
          {
            title: 'Actions',
            render: (_, model) => (
              <Space>
                <Button onClick={() => downloadVersion(model.id)}>Files</Button>
                <Button type="primary" onClick={() => promote(model.id)}>
                  Promote
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  )
}
