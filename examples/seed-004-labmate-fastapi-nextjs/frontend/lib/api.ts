// Thin client for the LabMate backend. The signed-in user's id is read from
// localStorage (see contexts/BasicAuthContext) and sent with every request.

export const API_URL = process.env.NEXT_PUBLIC_API_URL || 'http://localhost:8000';

function currentUserId(): number | null {
  if (typeof window === 'undefined') return null;
  const raw = localStorage.getItem('labmate_user');
  if (!raw) return null;
  try {
    return JSON.parse(raw).id ?? null;
  } catch {
    return null;
  }
}

export async function apiRequest<T>(path: string, options: RequestInit = {}, params: Record<string, string | number> = {}): Promise<T> {
  const userId = currentUserId();
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  if (userId !== null) query.set('user_id', String(userId));
  const url = `${API_URL}${path}${query.toString() ? `?${query}` : ''}`;

  console.log('API request:', options.method || 'GET', url, options.body);

  const response = await fetch(url, {
    ...options,
    headers: {
      ...(options.body instanceof FormData ? {} : { 'Content-Type': 'application/json' }),
      ...options.headers,
    },
  });

  if (!response.ok) {
    const error = await response.json().catch(() => ({ detail: response.statusText }));
    console.log('API error:', response.status, error);
    throw new Error(error.detail || 'Request failed');
  }

  const data = await response.json();
  console.log('API response:', url, data);
  return data as T;
}

export interface User {
  id: number;
  email: string;
  name: string | null;
  created_at: string;
}

export const login = (email: string, password: string) =>
  apiRequest<User>('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });

export const signup = (email: string, password: string, name: string, betaKey: string) =>
  apiRequest<User>('/api/auth/signup', {
    method: 'POST',
    body: JSON.stringify({ email, password, name, beta_key: betaKey }),
  });

export const listAssignments = () => apiRequest<{ assignments: unknown[] }>('/api/assignments');

export const uploadFile = (file: File, assignmentTitle: string) => {
  const form = new FormData();
  form.append('file', file);
  form.append('assignment_title', assignmentTitle);
  const userId = currentUserId();
  if (userId !== null) form.append('user_id', String(userId));
  return apiRequest<{ upload_id: number }>('/api/upload', { method: 'POST', body: form });
};

export const submitTask = (fileId: number, taskType: string) =>
  apiRequest<{ job_id: number; status: string }>('/api/tasks/submit', { method: 'POST' }, { file_id: fileId, task_type: taskType });
