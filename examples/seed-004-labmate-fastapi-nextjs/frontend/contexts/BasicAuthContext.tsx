'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as api from '../lib/api';

const STORAGE_KEY = 'labmate_user';

interface AuthContextValue {
  user: api.User | null;
  loading: boolean;
  error: string | null;
  login: (email: string, password: string) => Promise<void>;
  signup: (email: string, password: string, name: string, betaKey: string) => Promise<void>;
  logout: () => void;
  clearError: () => void;
}

const BasicAuthContext = createContext<AuthContextValue | undefined>(undefined);

function readStoredUser(): api.User | null {
  if (typeof window === 'undefined') return null;
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as api.User;
  } catch {
    localStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

function friendlyError(err: unknown): string {
  if (err instanceof Error) {
    if (err.message.includes('locked')) return 'Too many failed attempts. Your account is locked for 15 minutes.';
    if (err.message.includes('beta')) return 'A valid beta access key is required to sign up.';
    return err.message;
  }
  return 'Something went wrong. Please try again.';
}

export function BasicAuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<api.User | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  // Restore the session from localStorage on first render.
  useEffect(() => {
    setUser(readStoredUser());
    setLoading(false);
  }, []);

  // Keep tabs in sync when another tab logs in or out.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) {
        setUser(readStoredUser());
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const clearError = useCallback(() => setError(null), []);

  const login = useCallback(async (email: string, password: string) => {
    setLoading(true);
    setError(null);
    try {
      const loggedIn = await api.login(email, password);
      setUser(loggedIn);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(loggedIn));
    } catch (err) {
      setError(friendlyError(err));
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  const signup = useCallback(async (email: string, password: string, name: string, betaKey: string) => {
    setLoading(true);
    setError(null);
    try {
      if (password.length < 10) {
        throw new Error('Password must be at least 10 characters');
      }
      if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
        throw new Error('Password must contain letters and numbers');
      }
      const created = await api.signup(email, password, name, betaKey);
      setUser(created);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(created));
    } catch (err) {
      setError(friendlyError(err));
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  const logout = useCallback(() => {
    setUser(null);
    localStorage.removeItem(STORAGE_KEY);
  }, []);

  const value = useMemo(
    () => ({ user, loading, error, login, signup, logout, clearError }),
    [user, loading, error, login, signup, logout, clearError],
  );

  return <BasicAuthContext.Provider value={value}>{children}</BasicAuthContext.Provider>;
}

export function useBasicAuth(): AuthContextValue {
  const ctx = useContext(BasicAuthContext);
  if (!ctx) throw new Error('useBasicAuth must be used inside <BasicAuthProvider>');
  return ctx;
}
