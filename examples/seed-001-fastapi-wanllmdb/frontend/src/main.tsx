import React from 'react'
import ReactDOM from 'react-dom/client'
import { configureStore } from '@reduxjs/toolkit'
import { Provider } from 'react-redux'
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom'
import ModelRegistryPage from './pages/ModelRegistryPage'
import authReducer from './store/slices/authSlice'

const store = configureStore({ reducer: { auth: authReducer } })

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <Provider store={store}>
      <BrowserRouter>
        <Routes>
          <Route path="/models" element={<ModelRegistryPage />} />
          <Route path="*" element={<Navigate to="/models" replace />} />
        </Routes>
      </BrowserRouter>
    </Provider>
  </React.StrictMode>,
)
