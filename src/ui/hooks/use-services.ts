import { useContext } from 'react';
import { ServicesContext, type UiServices } from '../services.js';

export function useServices(): UiServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error('useServices needs <ServicesContext.Provider>');
  return services;
}
